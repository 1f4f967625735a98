using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// What the test clusters write to their log files (Orleans' test host logs every category at Information). Orleans
/// runs each grain placement through a Polly pipeline that logs two lines a call, about 50,000 lines a test run that
/// cost the run CPU and say nothing; the deployed hosts filter the same categories (appsettings.json). Our own
/// categories stay at Information, because a failing test's silo log is where its story is.
/// </summary>
public static class ClusterLogging
{
    public static void Quiet(IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.AddFilter("Polly", LogLevel.Warning);
            options.AddFilter("Orleans", LogLevel.Warning);
            options.AddFilter("Microsoft", LogLevel.Warning);
        });
}
