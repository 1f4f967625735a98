using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Sends every collected store its single update, then registers the stores that took it with their index
/// partitions; when the run applied an hours, zone or special hours file, the known stores it does not name are told they have no rows
/// there (<see cref="AbsentStoreUpdates"/>). Updates travel in batches of one partition's stores, each delivered by the partition on its own silo
/// (<see cref="IStoreIndexGrain.Deliver"/>): on a cluster that is one message per batch instead of one per store,
/// and no batch's call grows with the dataset. A call the cluster failed (not the data) is retried; a store that
/// still fails is counted and named, and does not stop the others.
/// </summary>
internal sealed class StoreUpdateSender(IGrainFactory grains, int concurrency, ILogger logger, TransientCallRetry? retry = null)
{
    /// <summary>Stores in one batch: enough that a message carries many, few enough that a batch takes milliseconds.</summary>
    internal const int MostStoresPerBatch = 256;

    /// <summary>Polls in one batch, so a batch of stores with long histories stays a message of a megabyte or so.</summary>
    internal const int MostPollsPerBatch = 100_000;

    /// <summary>
    /// Batches in flight at once: enough to keep every silo busy while the others' answers travel, and to give each
    /// silo's grouped state writes hundreds of writes to group (about 4 batches a silo on a 3-silo cluster).
    /// </summary>
    internal const int BatchesInFlight = 12;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private const int FailuresKept = 10;

    private readonly TransientCallRetry _retry = retry ?? new TransientCallRetry(logger);

    private readonly List<string> _failures = [];
    private readonly List<StoreRegistration> _registrations = [];
    private int _updated;
    private int _failed;
    private long _accepted;
    private long _duplicates;

    /// <summary>Sends every collected store its update, then finishes the run's updates (<see cref="FinishAsync"/>).</summary>
    public async Task<StoreUpdateOutcome> SendAsync(DatasetCollector collector, long runNumber, CancellationToken cancellationToken)
    {
        await SendPassAsync(collector, StorePass.Only, runNumber, cancellationToken);
        return await FinishAsync(collector, runNumber, cancellationToken);
    }

    /// <summary>
    /// Sends the collected stores of <paramref name="pass"/> their updates, and lets go of their polls. A store that
    /// fails is counted and named; the registrations wait for <see cref="FinishAsync"/>.
    /// </summary>
    /// <remarks>
    /// It takes the pass's stores from <paramref name="collector"/> before it first awaits, so the next pass may read
    /// into the collector while this one is sent.
    /// </remarks>
    public Task SendPassAsync(DatasetCollector collector, StorePass pass, long runNumber, CancellationToken cancellationToken) =>
        SendAsync(collector.Stores.Where(store => pass.Contains(store.Key)).ToArray(), collector, runNumber, cancellationToken);

    private async Task SendAsync(KeyValuePair<string, StoreBuffer>[] stores, DatasetCollector collector, long runNumber, CancellationToken cancellationToken)
    {
        var batches = Batches(stores);
        var registrations = new StoreRegistration?[stores.Length];
        var failedBefore = _failed;
        var next = 0;
        var done = 0;
        var stopwatch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;

        async Task Worker()
        {
            for (var index = Interlocked.Increment(ref next) - 1; index < batches.Count; index = Interlocked.Increment(ref next) - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (partition, members) = batches[index];
                var deliveries = new StoreDelivery[members.Length];
                for (var i = 0; i < members.Length; i++)
                {
                    var (storeId, buffer) = stores[members[i]];
                    deliveries[i] = new StoreDelivery(storeId, new StoreUpdate(
                        buffer.PollTicks(),
                        buffer.PollStatuses(),
                        collector.ReadHours ? buffer.CanonicalHours() : null,
                        collector.ReadZones ? buffer.ZoneId ?? "" : null,
                        runNumber,
                        collector.ReadSpecialHours ? CanonicalSpecialHours(buffer.SpecialHours) : null));
                    buffer.ReleasePolls();
                }

                try
                {
                    var partitionGrain = grains.GetGrain<IStoreIndexGrain>(partition);
                    var outcomes = await _retry.RunAsync(
                        $"Ingestion: {members.Length} stores of index partition {partition}",
                        () => partitionGrain.Deliver(deliveries, concurrency),
                        cancellationToken);
                    for (var i = 0; i < members.Length; i++)
                    {
                        if (outcomes[i] is { Result: { } result })
                        {
                            registrations[members[i]] = new StoreRegistration(deliveries[i].StoreId, result.LatestPollUnixTicks);
                            Interlocked.Add(ref _accepted, result.AcceptedPolls);
                            Interlocked.Add(ref _duplicates, result.DuplicatePolls);
                        }
                        else
                        {
                            Fail(deliveries[i].StoreId, outcomes[i].Error ?? "no outcome");
                        }
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "Ingestion: {Stores} stores of index partition {Partition} could not be updated", members.Length, partition);
                    var cause = FailureCause.Describe(error);
                    foreach (var delivery in deliveries)
                    {
                        Fail(delivery.StoreId, cause);
                    }
                }

                var count = Interlocked.Add(ref done, members.Length);
                if (stopwatch.Elapsed - lastProgress > ProgressInterval)
                {
                    lastProgress = stopwatch.Elapsed;
                    logger.LogInformation("Ingestion: {Done:N0} of {Total:N0} stores updated", count, stores.Length);
                }
            }
        }

        var workers = Math.Clamp(BatchesInFlight, 1, Math.Max(1, batches.Count));
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker, cancellationToken)));
        _updated += stores.Length - (_failed - failedBefore);
        _registrations.AddRange(registrations.OfType<StoreRegistration>());
    }

    /// <summary>
    /// After every pass: the known stores a replaced hours, zone or special hours file no longer names, then the
    /// registration of the stores that took their update, and the run's totals.
    /// </summary>
    public async Task<StoreUpdateOutcome> FinishAsync(DatasetCollector collector, long runNumber, CancellationToken cancellationToken)
    {
        // The files decide what every store holds, including the stores they no longer name.
        var absent = await new AbsentStoreUpdates(grains, concurrency, _retry).SendAsync(collector, runNumber, Fail, cancellationToken);

        // Registration comes after the stores hold their data, so a report never finds a registered, empty store.
        await Task.WhenAll(_registrations
            .GroupBy(registration => StoreIndex.PartitionOf(registration.StoreId))
            .Select(partition => _retry.RunAsync($"Ingestion: index partition {partition.Key}",
                () => grains.GetGrain<IStoreIndexGrain>(partition.Key).Register([.. partition]), cancellationToken)));

        return new StoreUpdateOutcome(_updated + absent, _failed, _failures, _accepted, _duplicates);
    }

    private void Fail(string storeId, string error)
    {
        Interlocked.Increment(ref _failed);
        lock (_failures)
        {
            if (_failures.Count < FailuresKept)
            {
                _failures.Add($"store '{storeId}': {error}");
            }
        }
    }

    /// <summary>
    /// The stores (as indexes into <paramref name="stores"/>) in batches of one partition each, taking the partitions
    /// in turn so that the batches in flight spread over the partitions, and so over the silos.
    /// </summary>
    internal static List<(int Partition, int[] Members)> Batches(KeyValuePair<string, StoreBuffer>[] stores)
    {
        var byPartition = new List<int>[StoreIndex.PartitionCount];
        for (var i = 0; i < stores.Length; i++)
        {
            (byPartition[StoreIndex.PartitionOf(stores[i].Key)] ??= []).Add(i);
        }

        var perPartition = byPartition.Select((members, partition) => (partition, Chunks: Chunk(members ?? [], stores))).ToArray();
        var batches = new List<(int, int[])>();
        for (var round = 0; perPartition.Any(p => round < p.Chunks.Count); round++)
        {
            foreach (var (partition, chunks) in perPartition)
            {
                if (round < chunks.Count)
                {
                    batches.Add((partition, chunks[round]));
                }
            }
        }

        return batches;
    }

    private static List<int[]> Chunk(List<int> members, KeyValuePair<string, StoreBuffer>[] stores)
    {
        var chunks = new List<int[]>();
        var current = new List<int>();
        var polls = 0;
        foreach (var member in members)
        {
            var count = stores[member].Value.PollCount;
            if (current.Count > 0 && (current.Count == MostStoresPerBatch || polls + count > MostPollsPerBatch))
            {
                chunks.Add([.. current]);
                current.Clear();
                polls = 0;
            }

            current.Add(member);
            polls += count;
        }

        if (current.Count > 0)
        {
            chunks.Add([.. current]);
        }

        return chunks;
    }

    /// <summary>Sorted, so the same rows in another file order compare equal and do not rewrite the store: by date, closed rows first, then by opening and closing.</summary>
    private static SpecialHoursRow[] CanonicalSpecialHours(List<SpecialHoursRow>? special) =>
        special is null ? [] : [.. special.OrderBy(row => row.Date).ThenByDescending(row => row.Closed).ThenBy(row => row.Start).ThenBy(row => row.End)];
}

internal sealed record StoreUpdateOutcome(int Updated, int Failed, IReadOnlyList<string> FirstFailures, long AcceptedPolls, long DuplicatePolls);
