using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Webhooks;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// A subscription's queue in stored pieces: what a change marks to be written, and that what is stored always reads
/// back as the queue (held against a plain list on random changes), also when a save is cut short.
/// </summary>
public sealed class PendingQueueTests
{
    private const int Size = PendingQueue.PieceSize;
    private static readonly Instant T0 = Instant.FromUtc(2024, 3, 1, 10, 0);

    [Fact]
    public void Queueing_behind_full_pieces_writes_only_the_last_piece()
    {
        var queue = new PendingQueue();
        Append(queue, 0, (3 * Size) + 5);
        queue.MarkStored();

        Append(queue, (3 * Size) + 5, 10);
        var (pieces, emptied) = queue.Changes();

        Assert.Equal([0, 1, 2, 3], queue.Slots);
        Assert.Equal([3], pieces.Select(piece => piece.Slot));
        Assert.Equal(15, pieces[0].Deliveries.Count);
        Assert.Empty(emptied);
        Assert.False(queue.SlotsChanged);
    }

    [Fact]
    public void Dropping_the_oldest_empties_the_first_slot_and_a_later_save_reuses_it()
    {
        var queue = new PendingQueue();
        Append(queue, 0, 2 * Size);
        queue.MarkStored();

        queue.DropOldest(Size);
        Append(queue, 2 * Size, 1);
        var (pieces, emptied) = queue.Changes();

        // Slot 0 left in this save, so the new piece takes slot 2, not slot 0.
        Assert.Equal([1, 2], queue.Slots);
        Assert.Equal([2], pieces.Select(piece => piece.Slot));
        Assert.Equal([0], emptied);
        Assert.True(queue.SlotsChanged);

        queue.MarkStored();
        Append(queue, (2 * Size) + 1, Size);
        Assert.Equal([1, 2, 0], queue.Slots);
    }

    [Fact]
    public void Deliveries_leaving_out_of_order_merge_neighbouring_pieces()
    {
        var queue = new PendingQueue();
        var ids = Append(queue, 0, 3 * Size);
        queue.MarkStored();

        // Half of the middle piece and half of the last leave: the two halves fit in one piece.
        foreach (var id in ids.Skip(Size).Take(Size / 2).Concat(ids.Skip(2 * Size).Take(Size / 2)))
        {
            Assert.True(queue.Remove(id));
        }

        Assert.Equal([0, 1], queue.Slots);
        Assert.Equal(ids.Take(Size).Concat(ids.Skip(Size + (Size / 2)).Take(Size / 2)).Concat(ids.Skip((2 * Size) + (Size / 2))), queue.Deliveries.Select(delivery => delivery.Event.Id));
        Assert.Equal([2], queue.Changes().Emptied);
    }

    [Fact]
    public void A_delivery_stored_in_two_pieces_reads_back_once_where_it_comes_first()
    {
        var a = Delivery(1);
        var b = Delivery(2);

        var queue = PendingQueue.FromPieces([(4, [a, b]), (1, [b])]);

        Assert.Equal([a.Event.Id, b.Event.Id], queue.Deliveries.Select(delivery => delivery.Event.Id));
        Assert.Equal([4, 1], queue.Slots);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void What_is_stored_reads_back_as_the_queue_and_a_save_cut_short_loses_nothing_that_stays(int seed)
    {
        var random = new Random(seed);
        var queue = new PendingQueue();
        var model = new List<PendingDelivery>();
        var stored = new Dictionary<int, IReadOnlyList<PendingDelivery>>();
        var storedSlots = new List<int>();
        var next = 0;

        for (var step = 0; step < 400; step++)
        {
            var before = model.Select(delivery => delivery.Event.Id).ToHashSet();
            switch (random.Next(4))
            {
                case 0:
                    var count = random.Next(1, 80);
                    foreach (var delivery in Enumerable.Range(next, count).Select(Delivery))
                    {
                        queue.Append(delivery);
                        model.Add(delivery);
                    }

                    next += count;
                    break;
                case 1:
                    var drop = Math.Min(model.Count, random.Next(0, 60));
                    queue.DropOldest(drop);
                    model.RemoveRange(0, drop);
                    break;
                case 2:
                    foreach (var delivery in model.Where(_ => random.NextDouble() < 0.1).ToArray())
                    {
                        Assert.True(queue.Remove(delivery.Event.Id));
                        model.Remove(delivery);
                    }

                    break;
                default:
                    foreach (var delivery in model.Where(_ => random.NextDouble() < 0.05).ToArray())
                    {
                        var retried = delivery with { AttemptsMade = delivery.AttemptsMade + 1 };
                        queue.Replace(retried);
                        model[model.IndexOf(delivery)] = retried;
                    }

                    break;
            }

            Assert.Equal(model, queue.Deliveries);
            var (pieces, emptied) = queue.Changes();

            // Cut short with some of the pieces stored (they are written together, in any order), before the emptied
            // slots and the list: nothing that was queued and still is is lost.
            var cut = new Dictionary<int, IReadOnlyList<PendingDelivery>>(stored);
            foreach (var (slot, deliveries) in pieces.Where(_ => random.Next(2) == 0))
            {
                cut[slot] = deliveries;
            }

            var afterCut = PendingQueue.FromPieces(storedSlots.Select(slot => (slot, cut.GetValueOrDefault(slot) ?? []))).Deliveries.Select(delivery => delivery.Event.Id).ToHashSet();
            Assert.Empty(before.Intersect(model.Select(delivery => delivery.Event.Id)).Except(afterCut));

            foreach (var (slot, deliveries) in pieces)
            {
                stored[slot] = deliveries;
            }

            foreach (var slot in emptied)
            {
                stored[slot] = [];
            }

            if (queue.SlotsChanged)
            {
                storedSlots = [.. queue.Slots];
            }

            queue.MarkStored();
            Assert.Equal(model, PendingQueue.FromPieces(storedSlots.Select(slot => (slot, stored[slot]))).Deliveries);
            // Pieces stay few: about as many as the deliveries need, merged as they thin out.
            Assert.True(queue.Slots.Count <= (2 * model.Count / Size) + 2, $"{queue.Slots.Count} pieces for {model.Count} deliveries");
        }
    }

    private static string[] Append(PendingQueue queue, int first, int count)
    {
        var deliveries = Enumerable.Range(first, count).Select(Delivery).ToArray();
        foreach (var delivery in deliveries)
        {
            queue.Append(delivery);
        }

        return [.. deliveries.Select(delivery => delivery.Event.Id)];
    }

    private static PendingDelivery Delivery(int number)
    {
        var storeEvent = Event(StoreEventKinds.Down, number.ToString(System.Globalization.CultureInfo.InvariantCulture), Noon + Duration.FromSeconds(number));
        return new PendingDelivery(storeEvent, 0, T0, T0);
    }
}
