using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Reports;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Deletes the emptied rows that cleared grain state leaves (<see cref="ClearedStateOptions"/>), every purge interval,
/// for the states whose grains clear them once and then go: expired reports and their pieces, forgotten ingestion
/// runs, deleted webhook subscriptions and their queue pieces. A store's row is not among them (a deleted store's
/// grain may stay active and be written again), nor the start-up warm-up report's, whose id every start uses again.
/// </summary>
internal sealed partial class ClearedStatePurge(
    IClearedStateRows rows,
    IOptions<StoreMonitorSiloOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<ClearedStatePurge> logger) : BackgroundService
{
    /// <summary>The states whose grains clear them and deactivate, so that no activation writes against an emptied row for long.</summary>
    public static readonly IReadOnlyList<string> StateNamesPurged =
        [StateNames.Report, StateNames.ReportPart, StateNames.IngestionRun, StateNames.WebhookSubscription, StateNames.WebhookQueuePiece];

    /// <summary>Rows a statement deletes at most: on SQLite the silo's write queue then waits for the write lock a few milliseconds at most.</summary>
    public const int RowsPerStatement = 1000;

    /// <summary>Deletes every emptied row of <see cref="StateNamesPurged"/> older than <paramref name="keptFor"/>, a statement at a time.</summary>
    public static async Task<int> DeleteAgedAsync(IClearedStateRows rows, string serviceId, TimeSpan keptFor, CancellationToken cancellationToken)
    {
        var deleted = 0;
        int last;
        do
        {
            last = await rows.DeleteAsync(serviceId, StateNamesPurged, keptFor, [ReportWarmUp.ReportId], RowsPerStatement, cancellationToken);
            deleted += last;
        }
        while (last == RowsPerStatement);

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.ClearedState;
        using var timer = new PeriodicTimer(settings.PurgeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await PurgeAsync(stoppingToken);
        }
    }

    /// <summary>One round; a failure is logged and the next round tries again.</summary>
    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await DeleteAgedAsync(rows, cluster.Value.ServiceId, options.Value.ClearedState.KeptFor, cancellationToken);
            if (deleted > 0)
            {
                LogPurged(logger, deleted, options.Value.ClearedState.KeptFor);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} rows of grain state cleared more than {KeptFor} ago")]
    private static partial void LogPurged(ILogger logger, int count, TimeSpan keptFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the rows of cleared grain state failed; the next round tries again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
