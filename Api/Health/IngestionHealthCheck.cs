using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoreMonitor.Api.Endpoints;
using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Api.Health;

/// <summary>
/// Ready once an ingestion has finished: before that, a report would have no rows (or wait). Not ready while an
/// abandoned run's data is pending (until a successor completes, reports wait). A finished run that reported an error
/// is degraded, not down: the data of earlier runs is still served.
/// </summary>
internal sealed class IngestionHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus().WaitAsync(cancellationToken);
        if (status.LastAbandoned is { DataPending: true })
        {
            return HealthCheckResult.Unhealthy($"Data is pending: {status.ReportsWaitFor}");
        }

        return status.LastRun switch
        {
            null => HealthCheckResult.Unhealthy(status.State == IngestionState.Running
                ? "The first ingestion is still running."
                : "No ingestion has finished yet."),
            { Error: { } error } => HealthCheckResult.Degraded($"The last ingestion failed: {new DataPaths(status.LastRun.Directory).Text(error)}"),
            { } last => HealthCheckResult.Healthy($"Last ingestion finished {last.FinishedAt}."),
        };
    }
}
