using Orleans.Storage;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// The stored pieces of one subscription's queue: slot <c>n</c> is the record of state
/// <see cref="StateNames.WebhookQueuePiece"/> under the key <c>{subscription id}/{n}</c>, read and written through the
/// grains' storage like any grain state, with its own version. A slot's version is learned by reading it before its
/// first write in this activation, so a slot used before (or left by a save cut short) is written over, not refused.
/// </summary>
internal sealed class PendingQueueRecords(IGrainStorage storage, string subscriptionId)
{
    private readonly Dictionary<int, GrainState<PendingQueuePiece>> _records = [];

    /// <summary>The pieces in <paramref name="slots"/>, in that order; a slot with no record reads as an empty piece.</summary>
    public async Task<IReadOnlyList<(int Slot, IReadOnlyList<PendingDelivery> Deliveries)>> ReadAsync(IReadOnlyList<int> slots)
    {
        var records = await Task.WhenAll(slots.Select(RecordAsync));
        return [.. slots.Select((slot, index) => (slot, (IReadOnlyList<PendingDelivery>)(records[index].State?.Deliveries ?? [])))];
    }

    /// <summary>Stores <paramref name="pieces"/>, then empties <paramref name="emptied"/> (see <see cref="PendingQueue.Changes"/>).</summary>
    public async Task WriteAsync(IReadOnlyList<(int Slot, IReadOnlyList<PendingDelivery> Deliveries)> pieces, IReadOnlyList<int> emptied)
    {
        await Task.WhenAll(pieces.Select(piece => WriteAsync(piece.Slot, piece.Deliveries)));
        await Task.WhenAll(emptied.Select(slot => WriteAsync(slot, [])));
    }

    /// <summary>Clears slots 0 to <paramref name="slotCount"/> − 1, those that hold a record.</summary>
    public async Task ClearAsync(int slotCount)
    {
        await Task.WhenAll(Enumerable.Range(0, slotCount).Select(async slot =>
        {
            var record = await RecordAsync(slot);
            if (record.RecordExists)
            {
                await storage.ClearStateAsync(StateNames.WebhookQueuePiece, GrainIdOf(slot), record);
            }
        }));
    }

    private async Task WriteAsync(int slot, IReadOnlyList<PendingDelivery> deliveries)
    {
        var record = await RecordAsync(slot);
        var previous = record.State;
        record.State = new PendingQueuePiece { Deliveries = [.. deliveries] };
        try
        {
            await storage.WriteStateAsync(StateNames.WebhookQueuePiece, GrainIdOf(slot), record);
        }
        catch
        {
            // Not stored: read the slot again before its next write, whatever its version is now.
            record.State = previous;
            _records.Remove(slot);
            throw;
        }
    }

    private async Task<GrainState<PendingQueuePiece>> RecordAsync(int slot)
    {
        if (!_records.TryGetValue(slot, out var record))
        {
            record = new GrainState<PendingQueuePiece>(new PendingQueuePiece());
            await storage.ReadStateAsync(StateNames.WebhookQueuePiece, GrainIdOf(slot), record);
            record.State ??= new PendingQueuePiece();
            _records[slot] = record;
        }

        return record;
    }

    // The storage keys a record by its key and state name (not the grain type): these rows are the subscription's own.
    private GrainId GrainIdOf(int slot) => GrainId.Create(GrainTypeNames.WebhookSubscription, $"{subscriptionId}/{slot}");
}
