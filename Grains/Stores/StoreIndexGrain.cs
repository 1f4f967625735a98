using Microsoft.Extensions.Logging;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Stores;

/// <summary>One partition of the known stores; during a report it fans out to its own stores only, one slice at a time.</summary>
[GrainType(GrainTypeNames.StoreIndex)]
[PartitionAffinityPlacement]
public sealed class StoreIndexGrain(
    [PersistentState(StateNames.StoreIndex, StorageNames.Grains)] IPersistentState<StoreIndexState> state,
    StoreGrainReferences stores,
    LocalPartitions localPartitions,
    ILogger<StoreIndexGrain> logger) : Grain, IStoreIndexGrain
{
    private readonly TransientCallRetry _retry = new(logger);

    // What every call sees of the partition: only what is stored (its queries and report slices interleave with the
    // write of a registration or removal, which may be refused).
    private readonly DurableState<StoreIndexState> _index = new(state);

    // A fresh epoch per activation: a version seen before a restart never matches one after it.
    private readonly string _epoch = Guid.NewGuid().ToString("N");
    private readonly SliceComputations _slices = new();

    // Kept: GrainFactory.GetGrain resolves the interface type from its name on every call (Orleans 10.4.2 does not
    // cache it), and the board is told after every delivery.
    private ILiveBoardGrain? _board;

    private ILiveBoardGrain Board => _board ??= GrainFactory.GetGrain<ILiveBoardGrain>(this.GetPrimaryKeyLong());
    private HashSet<string> _known = [];
    private long _registrations;
    private string[]? _sorted;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _known = new HashSet<string>(_index.Current.StoreIds, StringComparer.Ordinal);
        // From now on, the stores and the live board this partition activates are placed on its silo.
        localPartitions.Activated(PartitionAffinityPlacementDirector.PartitionOf(this.GetGrainId()));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localPartitions.Deactivated(PartitionAffinityPlacementDirector.PartitionOf(this.GetGrainId()));
        return Task.CompletedTask;
    }

    public async Task Register(StoreRegistration[] stores)
    {
        // Every registration follows store updates (even ones that changed nothing), so it ends report sharing.
        _registrations++;
        var added = new List<string>();
        var addedSet = new HashSet<string>(StringComparer.Ordinal);
        var current = _index.Current;
        var latest = current.LatestPollUnixTicks;
        foreach (var store in stores)
        {
            if (!_known.Contains(store.StoreId) && addedSet.Add(store.StoreId))
            {
                added.Add(store.StoreId);
            }

            if (store.LatestPollUnixTicks > (latest ?? long.MinValue))
            {
                latest = store.LatestPollUnixTicks;
            }
        }

        if (added.Count == 0 && latest == current.LatestPollUnixTicks)
        {
            return;
        }

        // Memory changes only once the write is durable: after a failed write, a retry must still see the
        // ids as new and write them.
        await _index.ReplaceAsync(new StoreIndexState { StoreIds = [.. current.StoreIds, .. added], LatestPollUnixTicks = latest });
        _known.UnionWith(added);
        _sorted = null;
    }

    public async Task<StoreDeliveryOutcome[]> Deliver(StoreDelivery[] deliveries, int maxConcurrency)
    {
        var outcomes = new StoreDeliveryOutcome[deliveries.Length];
        var conditions = new StoreLiveReport?[deliveries.Length];
        await ForEachAtMostAsync(deliveries.Length, maxConcurrency, async index =>
        {
            var (storeId, update) = deliveries[index];
            try
            {
                var store = stores.Get(storeId);
                var result = await _retry.RunAsync($"Ingestion: store '{storeId}'", () => store.Ingest(update), CancellationToken.None);
                if (result.Live is { } live)
                {
                    conditions[index] = new StoreLiveReport(storeId, live);
                }

                // The live condition is the board's, not the sender's.
                outcomes[index] = new StoreDeliveryOutcome(result with { Live = null }, null);
            }
            catch (Exception error)
            {
                // The run's error names the store and says what failed; the exception is for the log.
                logger.LogWarning(error, "Ingestion: store {StoreId} could not be updated", storeId);
                outcomes[index] = new StoreDeliveryOutcome(null, error is StaleIngestionRunException ? error.Message : FailureCause.Describe(error));
            }
        });
        await UpdateBoardAsync([.. conditions.OfType<StoreLiveReport>()]);
        return outcomes;
    }

    /// <summary>
    /// Hands the stores' live conditions to this partition's live board (on this silo too). The stores' polls are stored
    /// whatever the board does, so a board that fails is logged, not the delivery's failure: its sweep asks again.
    /// </summary>
    private async Task UpdateBoardAsync(StoreLiveReport[] reports)
    {
        if (reports.Length == 0)
        {
            return;
        }

        try
        {
            await Board.Update(reports);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Ingestion: the live board of index partition {Partition} could not be updated", this.GetPrimaryKeyLong());
        }
    }

    public async Task<bool> Unregister(string storeId, long? latestPollUnixTicks)
    {
        if (!_known.Contains(storeId))
        {
            return false;
        }

        var remaining = _index.Current.StoreIds.Where(id => id != storeId).ToList();
        var latest = _index.Current.LatestPollUnixTicks;
        if (latest is not null && latestPollUnixTicks >= latest)
        {
            latest = await LatestPollOf(remaining);
        }

        // As in Register: memory changes only once the write is durable, so a retry after a failure starts over.
        await _index.ReplaceAsync(new StoreIndexState { StoreIds = remaining, LatestPollUnixTicks = latest });
        _known.Remove(storeId);
        _sorted = null;
        _registrations++;
        try
        {
            await Board.Forget(storeId);
        }
        catch (Exception error)
        {
            // The store is removed all the same; its next silence check finds it without polls and takes it off the board.
            logger.LogWarning(error, "The live board of index partition {Partition} could not forget store {StoreId}", this.GetPrimaryKeyLong(), storeId);
        }

        return true;
    }

    public Task<PartitionOverview> GetOverview()
    {
        var index = _index.Current;
        var latest = index.LatestPollUnixTicks is { } ticks ? Instant.FromUnixTimeTicks(ticks) : (Instant?)null;
        return Task.FromResult(new PartitionOverview(index.StoreIds.Count, latest, $"{_epoch}:{_registrations}"));
    }

    public Task<bool> Contains(string storeId) => Task.FromResult(_known.Contains(storeId));

    public Task<StoreIdPage> ListStorePage(string? search, string? after, int limit, int maxExamined)
    {
        var sorted = _sorted ??= SortedIds();
        var start = 0;
        if (after is not null)
        {
            var found = Array.BinarySearch(sorted, after, StringComparer.Ordinal);
            start = found >= 0 ? found + 1 : ~found;
        }

        var end = (int)Math.Min(sorted.Length, (long)start + Math.Max(maxExamined, limit));
        var page = new List<string>(Math.Clamp(limit, 0, 1000));
        var i = start;
        for (; i < end && page.Count < limit; i++)
        {
            if (string.IsNullOrEmpty(search) || sorted[i].Contains(search, StringComparison.OrdinalIgnoreCase))
            {
                page.Add(sorted[i]);
            }
        }

        return Task.FromResult(new StoreIdPage([.. page], i < sorted.Length && i > start ? sorted[i - 1] : null));
    }

    private string[] SortedIds()
    {
        var ids = _index.Current.StoreIds.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }

    public Task<ReportSliceSummary?> ComputeReportSlice(ReportSliceRequest request, TimeSpan maxWait) =>
        _slices.AwaitAsync(request.ComputationId, request.Slice, maxWait, () => ComputeSliceAsync(request));

    private async Task<ReportSliceSummary> ComputeSliceAsync(ReportSliceRequest request)
    {
        // The report holds its read lease, so no ingestion changes the ids between its slices.
        var sorted = _sorted ??= SortedIds();
        var options = request.Options is { IsSpecReport: false } chosen ? chosen : null;
        var selected = options is null ? sorted : StoreSelection.Select(sorted, options);
        var start = (int)Math.Min((long)request.Slice * request.SliceStores, selected.Length);
        var ids = selected[start..(int)Math.Min((long)start + request.SliceStores, selected.Length)];
        var unknown = options is not null && request.Slice == 0 ? StoreSelection.Unknown(sorted, options) : [];
        if (ids.Length == 0)
        {
            // An empty partition stores no piece (the report counts a partition's pieces by the stores asked).
            return new ReportSliceSummary(0, 0, 0, unknown, selected.Length);
        }

        // A selection of stores in the SPEC columns has the SPEC report's rows of those stores.
        var (part, rowCount, warnings) = options is null || options.HasSpecColumns
            ? await ComputeSpecRowsAsync(ids, request)
            : await ComputeWindowRowsAsync(ids, request, options);
        var key = ReportParts.Key(request.ReportId, (int)this.GetPrimaryKeyLong(), request.Slice);
        await _retry.RunAsync($"Report {request.ReportId}: storing {key}", () => GrainFactory.GetGrain<IReportPartGrain>(key).Store(part), CancellationToken.None);
        return new ReportSliceSummary(ids.Length, rowCount, part.Rows.Length, [.. warnings, .. unknown], selected.Length);
    }

    /// <summary>The SPEC report's rows, computed and written as they always were.</summary>
    private async Task<(ReportPart Part, int Rows, WarningTally[] Warnings)> ComputeSpecRowsAsync(string[] ids, ReportSliceRequest request)
    {
        var results = new StoreUptime?[ids.Length];
        await ForEachAtMostAsync(ids.Length, request.MaxConcurrency, async index => results[index] = await stores.Get(ids[index]).ComputeUptime(request.Now));
        var rows = results.OfType<StoreUptime>().ToArray();
        return (ReportPartFormat.Format(rows), rows.Length, ReportWarnings.Tally(rows));
    }

    /// <summary>The rows of a report with options: its windows, in its columns.</summary>
    private async Task<(ReportPart Part, int Rows, WarningTally[] Warnings)> ComputeWindowRowsAsync(string[] ids, ReportSliceRequest request, ReportOptions options)
    {
        var windows = options.EffectiveWindows.ToArray();
        var results = new StoreWindowUptime?[ids.Length];
        await ForEachAtMostAsync(ids.Length, request.MaxConcurrency, async index => results[index] = await stores.Get(ids[index]).ComputeWindows(request.Now, windows));
        var rows = results.OfType<StoreWindowUptime>().ToArray();
        return (ReportPartFormat.Format(options.Layout(), rows), rows.Length, ReportWarnings.Tally(rows));
    }

    /// <summary>Runs <paramref name="body"/> for indexes 0 to <paramref name="count"/> − 1, at most <paramref name="maxConcurrency"/> at once.</summary>
    private static Task ForEachAtMostAsync(int count, int maxConcurrency, Func<int, Task> body)
    {
        var next = 0;

        // Grain turns run one at a time, so the shared cursor needs no lock.
        async Task Worker()
        {
            while (next < count)
            {
                await body(next++);
            }
        }

        return Task.WhenAll(Enumerable.Range(0, Math.Clamp(maxConcurrency, 1, Math.Max(1, count))).Select(_ => Worker()));
    }

    /// <summary>The latest poll among <paramref name="ids"/>, asking each store (rare: only when a store is removed).</summary>
    private async Task<long?> LatestPollOf(List<string> ids)
    {
        long? latest = null;
        foreach (var chunk in ids.Chunk(32))
        {
            var summaries = await Task.WhenAll(chunk.Select(id => stores.Get(id).GetSummary()));
            foreach (var summary in summaries)
            {
                if (summary.LatestPoll is { } poll && poll.ToUnixTimeTicks() > (latest ?? long.MinValue))
                {
                    latest = poll.ToUnixTimeTicks();
                }
            }
        }

        return latest;
    }
}
