using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Api.Hosting;

internal sealed class StoreMonitorOptionsValidator : IValidateOptions<StoreMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreMonitorOptions options)
    {
        var failures = new List<string>();
        if (options.IngestionConcurrency < 1)
        {
            failures.Add("StoreMonitor:IngestionConcurrency must be at least 1.");
        }

        if (options.ReportConcurrencyPerPartition < 1)
        {
            failures.Add("StoreMonitor:ReportConcurrencyPerPartition must be at least 1.");
        }

        if (options.MaxConcurrentReports < 1)
        {
            failures.Add("StoreMonitor:MaxConcurrentReports must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
