using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Api.Health;

/// <summary>Ready when grain storage answers a query against its state table.</summary>
internal sealed class StorageHealthCheck(IOptions<StoreMonitorSiloOptions> options, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = await GrainStorageProbe.AskAsync(options.Value.Storage, configuration.GetConnectionString("StoreMonitor"), cancellationToken);
        return probe.Answers ? HealthCheckResult.Healthy(probe.Description) : HealthCheckResult.Unhealthy(probe.Description, probe.Error);
    }
}
