using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoreMonitor.Grains.Reports;

namespace StoreMonitor.Api.Health;

/// <summary>
/// Not ready while the start-up warm-up report of a host that restarted on its data is still running: a report asked
/// for at that moment would share the two cores with it and compile what it compiles. A host that joins a cluster as a
/// client runs no silo, so no warm-up, and is not held up.
/// </summary>
internal sealed class WarmUpHealthCheck(ReportWarmUp? warmUp = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp is { InFirstLook: true }
            ? HealthCheckResult.Unhealthy("The start-up warm-up report is running.")
            : HealthCheckResult.Healthy());
}
