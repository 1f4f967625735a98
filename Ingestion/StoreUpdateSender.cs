using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Sends every collected store its single update with bounded concurrency, then registers the stores that took
/// it with their index partitions. A call the cluster failed (not the data) is retried; a store that still fails is
/// counted and named, and does not stop the others.
/// </summary>
internal sealed class StoreUpdateSender(IGrainFactory grains, StoreGrainReferences storeGrains, int concurrency, ILogger logger, TransientCallRetry? retry = null)
{
    private readonly TransientCallRetry _retry = retry ?? new TransientCallRetry(logger);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private const int FailuresKept = 10;

    public async Task<StoreUpdateOutcome> SendAsync(DatasetCollector collector, long runNumber, CancellationToken cancellationToken)
    {
        var stores = collector.Stores.ToArray();
        var registrations = new StoreRegistration?[stores.Length];
        var failures = new List<string>();
        var failed = 0;
        var accepted = 0L;
        var duplicates = 0L;
        var next = 0;
        var done = 0;
        var stopwatch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;

        async Task Worker()
        {
            for (var index = Interlocked.Increment(ref next) - 1; index < stores.Length; index = Interlocked.Increment(ref next) - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (storeId, buffer) = stores[index];
                var update = new StoreUpdate(
                    buffer.PollTicks(),
                    buffer.PollStatuses(),
                    collector.ReadHours ? CanonicalHours(buffer.Hours) : null,
                    collector.ReadZones ? buffer.ZoneId ?? "" : null,
                    runNumber);
                buffer.ReleasePolls();
                try
                {
                    var store = storeGrains.Get(storeId);
                    var result = await _retry.RunAsync($"Ingestion: store '{storeId}'", () => store.Ingest(update), cancellationToken);
                    registrations[index] = new StoreRegistration(storeId, result.LatestPollUnixTicks);
                    Interlocked.Add(ref accepted, result.AcceptedPolls);
                    Interlocked.Add(ref duplicates, result.DuplicatePolls);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    lock (failures)
                    {
                        if (failures.Count < FailuresKept)
                        {
                            failures.Add($"store '{storeId}': {error.Message}");
                        }
                    }
                }

                var count = Interlocked.Increment(ref done);
                if (stopwatch.Elapsed - lastProgress > ProgressInterval)
                {
                    lastProgress = stopwatch.Elapsed;
                    logger.LogInformation("Ingestion: {Done:N0} of {Total:N0} stores updated", count, stores.Length);
                }
            }
        }

        var workers = Math.Clamp(concurrency, 1, Math.Max(1, stores.Length));
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker, cancellationToken)));

        // Registration comes after the stores hold their data, so a report never finds a registered, empty store.
        await Task.WhenAll(registrations
            .OfType<StoreRegistration>()
            .GroupBy(registration => StoreIndex.PartitionOf(registration.StoreId))
            .Select(partition => _retry.RunAsync($"Ingestion: index partition {partition.Key}",
                () => grains.GetGrain<IStoreIndexGrain>(partition.Key).Register([.. partition]), cancellationToken)));

        return new StoreUpdateOutcome(stores.Length - failed, failed, failures, accepted, duplicates);
    }

    /// <summary>Sorted, so the same rows in another file order compare equal and do not rewrite the store.</summary>
    private static BusinessHoursRow[] CanonicalHours(List<BusinessHoursRow>? hours) =>
        hours is null ? [] : [.. hours.OrderBy(row => row.Day).ThenBy(row => row.Start).ThenBy(row => row.End)];
}

internal sealed record StoreUpdateOutcome(int Updated, int Failed, IReadOnlyList<string> FirstFailures, long AcceptedPolls, long DuplicatePolls);
