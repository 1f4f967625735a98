using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Ingestion;

/// <summary>
/// When a run applies an hours (or zone, or special hours) file, the stores the index knows that the file does not name
/// have no rows in it: each is sent an update with no polls and empty hours (or an empty zone, or no special hours), so that every store holds what a full
/// read of the current files gives it, however the runs before were timed. The stores the run collected already got
/// their rows, so no store is updated twice. The ids are read from each partition a page at a time, so the run holds no
/// more than a page per batch in flight; a store whose hours (or zone) are already empty is not written again.
/// </summary>
internal sealed class AbsentStoreUpdates(IGrainFactory grains, int concurrency, TransientCallRetry retry)
{
    /// <summary>Ids asked of a partition at once: a message of some 100 KiB, a few calls for a partition of a million stores' share.</summary>
    internal const int IdsPerPage = 4096;

    /// <param name="fail">Called for a store (or a partition, named instead) that could not be updated.</param>
    /// <returns>The stores updated.</returns>
    public async Task<int> SendAsync(DatasetCollector collector, long runNumber, Action<string, string> fail, CancellationToken cancellationToken)
    {
        if (!collector.ReadHours && !collector.ReadZones && !collector.ReadSpecialHours)
        {
            return 0;
        }

        var update = new StoreUpdate([], [], collector.ReadHours ? [] : null, collector.ReadZones ? "" : null, runNumber, collector.ReadSpecialHours ? [] : null);
        var updated = 0;
        var next = 0;

        async Task Worker()
        {
            for (var partition = Interlocked.Increment(ref next) - 1; partition < StoreIndex.PartitionCount; partition = Interlocked.Increment(ref next) - 1)
            {
                Interlocked.Add(ref updated, await SendToPartitionAsync(partition, collector, update, fail, cancellationToken));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, StoreUpdateSender.BatchesInFlight).Select(_ => Task.Run(Worker, cancellationToken)));
        return updated;
    }

    private async Task<int> SendToPartitionAsync(int partition, DatasetCollector collector, StoreUpdate update, Action<string, string> fail, CancellationToken cancellationToken)
    {
        var index = grains.GetGrain<IStoreIndexGrain>(partition);
        var updated = 0;
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            StoreIdPage page;
            try
            {
                var from = after;
                page = await retry.RunAsync($"Ingestion: store ids of index partition {partition}", () => index.ListStorePage(null, from, IdsPerPage, IdsPerPage), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Which stores the partition would have named is unknown: the run fails, so its files are read again.
                fail($"index partition {partition}", error.Message);
                return updated;
            }

            foreach (var absent in page.StoreIds.Where(id => !collector.Stores.ContainsKey(id)).Chunk(StoreUpdateSender.MostStoresPerBatch))
            {
                updated += await DeliverAsync(index, partition, absent, update, fail, cancellationToken);
            }

            after = page.ExaminedThrough;
        }
        while (after is not null);

        return updated;
    }

    private async Task<int> DeliverAsync(IStoreIndexGrain index, int partition, string[] storeIds, StoreUpdate update, Action<string, string> fail, CancellationToken cancellationToken)
    {
        var deliveries = storeIds.Select(id => new StoreDelivery(id, update)).ToArray();
        try
        {
            var outcomes = await retry.RunAsync(
                $"Ingestion: {deliveries.Length} stores of index partition {partition} missing from the new file",
                () => index.Deliver(deliveries, concurrency),
                cancellationToken);
            var updated = 0;
            for (var i = 0; i < deliveries.Length; i++)
            {
                if (outcomes[i].Result is not null)
                {
                    updated++;
                }
                else
                {
                    fail(storeIds[i], outcomes[i].Error ?? "no outcome");
                }
            }

            return updated;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            foreach (var storeId in storeIds)
            {
                fail(storeId, error.Message);
            }

            return 0;
        }
    }
}
