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

        if (options.RetentionDays < 0)
        {
            failures.Add("StoreMonitor:RetentionDays must not be negative (0 keeps every poll).");
        }

        if (options.ScanInterval < TimeSpan.Zero)
        {
            failures.Add("StoreMonitor:ScanInterval must not be negative (00:00:00 turns the scan off).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
