using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoreMonitor.Api.Endpoints;
using StoreMonitor.Grains.Reports;

namespace StoreMonitor.Api.Health;

/// <summary>
/// Not ready while the start-up warm-up report of a host that restarted on its data is still running, or the report
/// answers are not yet warmed up: a report asked for at that moment would share the two cores with them and compile
/// what they compile. A host that joins a cluster as a client runs no silo, so no warm-up report, and waits only for
/// the answers (a fraction of a second).
/// </summary>
internal sealed class WarmUpHealthCheck(ReportResponsesWarmUp responses, ReportWarmUp? warmUp = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            warmUp is { InFirstLook: true } ? HealthCheckResult.Unhealthy("The start-up warm-up report is running.")
            : !responses.IsDone ? HealthCheckResult.Unhealthy("The report answers are being warmed up.")
            : HealthCheckResult.Healthy());
}
