using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Stores;

/// <summary>One partition of the known stores; during a report it fans out to its own stores only.</summary>
public sealed class StoreIndexGrain(
    [PersistentState("store-index", StorageNames.Grains)] IPersistentState<StoreIndexState> state) : Grain, IStoreIndexGrain
{
    private HashSet<string> _known = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _known = new HashSet<string>(state.State.StoreIds, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public async Task Register(StoreRegistration[] stores)
    {
        var changed = false;
        foreach (var store in stores)
        {
            if (_known.Add(store.StoreId))
            {
                state.State.StoreIds.Add(store.StoreId);
                changed = true;
            }

            if (store.LatestPollUnixTicks > (state.State.LatestPollUnixTicks ?? long.MinValue))
            {
                state.State.LatestPollUnixTicks = store.LatestPollUnixTicks;
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> Unregister(string storeId, long? latestPollUnixTicks)
    {
        if (!_known.Contains(storeId))
        {
            return false;
        }

        var remaining = state.State.StoreIds.Where(id => id != storeId).ToList();
        var latest = state.State.LatestPollUnixTicks;
        if (latest is not null && latestPollUnixTicks >= latest)
        {
            latest = await LatestPollOf(remaining);
        }

        var previous = (state.State.StoreIds, state.State.LatestPollUnixTicks);
        state.State.StoreIds = remaining;
        state.State.LatestPollUnixTicks = latest;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.StoreIds, state.State.LatestPollUnixTicks) = previous;
            throw;
        }

        _known.Remove(storeId);
        return true;
    }

    public Task<PartitionOverview> GetOverview()
    {
        var latest = state.State.LatestPollUnixTicks is { } ticks ? Instant.FromUnixTimeTicks(ticks) : (Instant?)null;
        return Task.FromResult(new PartitionOverview(state.State.StoreIds.Count, latest));
    }

    public async Task<PartitionUptime> ComputeUptime(Instant now, int maxConcurrency)
    {
        // A snapshot: ids registered while the report runs belong to the next report.
        var ids = state.State.StoreIds.ToArray();
        var results = new StoreUptime?[ids.Length];
        var next = 0;

        // Grain turns run one at a time, so the shared cursor needs no lock.
        async Task Worker()
        {
            while (next < ids.Length)
            {
                var index = next++;
                results[index] = await GrainFactory.GetGrain<IStoreGrain>(ids[index]).ComputeUptime(now);
            }
        }

        var workers = new Task[Math.Clamp(maxConcurrency, 1, Math.Max(1, ids.Length))];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Worker();
        }

        await Task.WhenAll(workers);
        return new PartitionUptime([.. results.OfType<StoreUptime>()], ids.Length);
    }

    /// <summary>The latest poll among <paramref name="ids"/>, asking each store (rare: only when a store is removed).</summary>
    private async Task<long?> LatestPollOf(List<string> ids)
    {
        long? latest = null;
        foreach (var chunk in ids.Chunk(32))
        {
            var summaries = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<IStoreGrain>(id).GetSummary()));
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
