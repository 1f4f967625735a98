using Microsoft.Extensions.Logging;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Ingestion;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Uptime;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// The orchestration of one report: wait until no ingestion run holds the data, fan out to the store index
/// partitions (each asks its own stores), retry a partition whose silo went away, and assemble the file. It
/// changes no durable state: the grain records the outcome.
/// </summary>
public sealed class ReportComputation(IGrainFactory grains, int concurrencyPerPartition, ILogger logger, string reportId, CancellationToken stopping = default)
{
    private static readonly TimeSpan IngestionPollInterval = TimeSpan.FromMilliseconds(250);

    // Long enough to outlast a dead silo being voted out of the cluster (its grains then re-activate elsewhere).
    private static readonly TimeSpan[] PartitionRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    private int _storesDone;

    public ReportPhase Phase { get; private set; } = ReportPhase.None;

    public int StoresDone => _storesDone;

    public int StoresTotal { get; private set; }

    public async Task<ReportResult> RunAsync(Instant? requestedAsOf)
    {
        await WaitForIngestionAsync();

        Phase = ReportPhase.Computing;
        var partitions = Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition))
            .ToArray();
        var overviews = await Task.WhenAll(partitions.Select(partition => RetryOnLostSiloAsync(partition, partition.GetOverview)));
        StoresTotal = overviews.Sum(overview => overview.StoreCount);

        var asOf = requestedAsOf ?? overviews.Max(overview => overview.LatestPoll);
        if (asOf is not { } now)
        {
            return new ReportResult(null, StoresTotal, 0, ["No polls have been ingested: the report has no rows."], ReportCsv.Build([]));
        }

        var parts = await Task.WhenAll(partitions.Select(partition => ComputePartitionAsync(partition, now)));
        var rows = parts.SelectMany(part => part.Rows).ToList();
        return new ReportResult(asOf, StoresTotal, rows.Count, ReportWarnings.Summarize(rows), ReportCsv.Build(rows));
    }

    /// <summary>Returns once no ingestion run holds the data (also called before a report queues for a slot).</summary>
    public async Task WaitForIngestionAsync()
    {
        Phase = ReportPhase.WaitingForIngestion;
        var ingestion = grains.GetGrain<IIngestionStatusGrain>(0);
        while ((await ingestion.GetStatus()).State == IngestionState.Running)
        {
            await Task.Delay(IngestionPollInterval);
        }
    }

    private async Task<PartitionUptime> ComputePartitionAsync(IStoreIndexGrain partition, Instant now)
    {
        var result = await RetryOnLostSiloAsync(partition, () => partition.ComputeUptime(now, concurrencyPerPartition));
        Interlocked.Add(ref _storesDone, result.StoresAsked);
        return result;
    }

    private async Task<T> RetryOnLostSiloAsync<T>(IStoreIndexGrain partition, Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (attempt < PartitionRetryDelays.Length && IsLostSilo(error) && !stopping.IsCancellationRequested)
            {
                // The partition, or one of its stores, lived on a silo that went away mid-report. Until the cluster
                // declares that silo dead, calls to it fail; after that its grains re-activate on the living silos.
                logger.LogWarning(error, "Report {ReportId}: partition {Partition} failed (attempt {Attempt}); retrying", reportId, partition.GetPrimaryKeyLong(), attempt + 1);
                await Task.Delay(PartitionRetryDelays[attempt], stopping);
            }
        }
    }

    // What a call to a silo that died looks like, before and after the cluster has voted it out. Anything else
    // (a store whose state cannot be read, a bug) fails the report at once rather than after a minute of retries.
    private static bool IsLostSilo(Exception error) =>
        error is TimeoutException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException;
}
