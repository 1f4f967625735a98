namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// A subscription's pending deliveries, oldest first, held in pieces of at most <see cref="PieceSize"/>, each stored
/// as its own record in one of the subscription's numbered slots (<see cref="PendingQueueRecords"/>). A change
/// marks only the slots it touched, so queueing a batch behind thousands that wait for a receiver that is down writes
/// the last piece (and, when the queue is full, the first), never the whole queue. Slots are reused, lowest free
/// first, so a subscription keeps about as many records as its longest queue needed; neighbouring pieces that fit in
/// one are merged as deliveries leave, so a queue thinned out of order keeps few pieces.
/// </summary>
public sealed class PendingQueue
{
    /// <summary>Deliveries a piece holds at most: about 20 KB stored, a few batches of events.</summary>
    public const int PieceSize = 128;

    private readonly List<Piece> _pieces = [];
    private readonly Dictionary<string, Piece> _pieceOf = new(StringComparer.Ordinal);
    private readonly HashSet<int> _changedSlots = [];

    public int Count => _pieceOf.Count;

    /// <summary>The deliveries, oldest first.</summary>
    public IEnumerable<PendingDelivery> Deliveries => _pieces.SelectMany(piece => piece.Deliveries);

    /// <summary>The slots holding the queue, in queue order: what the subscription's own record lists.</summary>
    public IReadOnlyList<int> Slots => [.. _pieces.Select(piece => piece.Slot)];

    /// <summary>True when a piece was added or taken out since the last <see cref="MarkStored"/>: the list of slots changed.</summary>
    public bool SlotsChanged { get; private set; }

    /// <summary>
    /// The queue stored in <paramref name="pieces"/>, in queue order. A delivery stored twice (a save cut short
    /// between a merged piece and the list without its neighbour) is kept once, where it comes first.
    /// </summary>
    public static PendingQueue FromPieces(IEnumerable<(int Slot, IReadOnlyList<PendingDelivery> Deliveries)> pieces)
    {
        var queue = new PendingQueue();
        foreach (var (slot, deliveries) in pieces)
        {
            var piece = new Piece(slot);
            queue._pieces.Add(piece);
            foreach (var delivery in deliveries)
            {
                if (queue._pieceOf.TryAdd(delivery.Event.Id, piece))
                {
                    piece.Deliveries.Add(delivery);
                }
            }
        }

        return queue;
    }

    public bool Contains(string eventId) => _pieceOf.ContainsKey(eventId);

    public PendingDelivery? Find(string eventId) =>
        _pieceOf.TryGetValue(eventId, out var piece) ? piece.Deliveries.Find(delivery => delivery.Event.Id == eventId) : null;

    /// <summary>Queues <paramref name="delivery"/> last (its event must not be pending already).</summary>
    public void Append(PendingDelivery delivery)
    {
        var last = _pieces.Count > 0 ? _pieces[^1] : null;
        if (last is null || last.Deliveries.Count >= PieceSize)
        {
            last = new Piece(LowestFreeSlot());
            _pieces.Add(last);
            SlotsChanged = true;
        }

        last.Deliveries.Add(delivery);
        _pieceOf.Add(delivery.Event.Id, last);
        _changedSlots.Add(last.Slot);
    }

    /// <summary>Puts <paramref name="delivery"/> in place of the pending delivery of the same event.</summary>
    public void Replace(PendingDelivery delivery)
    {
        var piece = _pieceOf[delivery.Event.Id];
        piece.Deliveries[piece.Deliveries.FindIndex(pending => pending.Event.Id == delivery.Event.Id)] = delivery;
        _changedSlots.Add(piece.Slot);
    }

    /// <summary>Takes the delivery of <paramref name="eventId"/> out of the queue; false when it is not pending.</summary>
    public bool Remove(string eventId)
    {
        if (!_pieceOf.Remove(eventId, out var piece))
        {
            return false;
        }

        piece.Deliveries.RemoveAt(piece.Deliveries.FindIndex(pending => pending.Event.Id == eventId));
        _changedSlots.Add(piece.Slot);
        Tidy(_pieces.IndexOf(piece));
        return true;
    }

    /// <summary>Takes the <paramref name="count"/> oldest deliveries out of the queue.</summary>
    public void DropOldest(int count)
    {
        while (count > 0 && _pieces.Count > 0)
        {
            var first = _pieces[0];
            var taken = Math.Min(count, first.Deliveries.Count);
            foreach (var delivery in first.Deliveries.Take(taken))
            {
                _pieceOf.Remove(delivery.Event.Id);
            }

            first.Deliveries.RemoveRange(0, taken);
            _changedSlots.Add(first.Slot);
            count -= taken;
            Tidy(0);
        }
    }

    /// <summary>
    /// The records to store: each changed slot with the piece it now holds, and the slots whose piece left, to be
    /// emptied (so a slot out of the queue holds no deliveries that could be sent again). The pieces must be stored
    /// before the slots are emptied: a piece that took in its neighbour holds the neighbour's deliveries only once
    /// stored, and a save cut short between the two then finds them twice (kept once) rather than nowhere.
    /// </summary>
    public (IReadOnlyList<(int Slot, IReadOnlyList<PendingDelivery> Deliveries)> Pieces, IReadOnlyList<int> Emptied) Changes()
    {
        var held = _pieces.Where(piece => _changedSlots.Contains(piece.Slot))
            .Select(piece => (piece.Slot, (IReadOnlyList<PendingDelivery>)[.. piece.Deliveries]))
            .ToArray();
        var heldSlots = held.Select(piece => piece.Slot).ToHashSet();
        return (held, [.. _changedSlots.Where(slot => !heldSlots.Contains(slot)).Order()]);
    }

    /// <summary>Forgets what changed: everything is stored.</summary>
    public void MarkStored()
    {
        _changedSlots.Clear();
        SlotsChanged = false;
    }

    /// <summary>
    /// After the piece at <paramref name="index"/> lost deliveries: drops it when empty, and merges it with each
    /// neighbour it fits with. Every two neighbouring pieces then hold more than <see cref="PieceSize"/> together, so
    /// a queue of n deliveries has at most about 2n / <see cref="PieceSize"/> + 1 pieces.
    /// </summary>
    private void Tidy(int index)
    {
        if (_pieces[index].Deliveries.Count == 0)
        {
            _pieces.RemoveAt(index);
            SlotsChanged = true;
            index--;
        }
        else if (index > 0 && Fit(index - 1))
        {
            MergeInto(_pieces[index - 1], index);
            index--;
        }

        if (index >= 0 && index + 1 < _pieces.Count && Fit(index))
        {
            MergeInto(_pieces[index], index + 1);
        }
    }

    /// <summary>Whether the pieces at <paramref name="index"/> and after it fit in one.</summary>
    private bool Fit(int index) => _pieces[index].Deliveries.Count + _pieces[index + 1].Deliveries.Count <= PieceSize;

    /// <summary>Moves the deliveries of the piece at <paramref name="index"/> to the end of <paramref name="target"/>, its predecessor.</summary>
    private void MergeInto(Piece target, int index)
    {
        var merged = _pieces[index];
        foreach (var delivery in merged.Deliveries)
        {
            _pieceOf[delivery.Event.Id] = target;
        }

        target.Deliveries.AddRange(merged.Deliveries);
        _pieces.RemoveAt(index);
        _changedSlots.Add(target.Slot);
        _changedSlots.Add(merged.Slot);
        SlotsChanged = true;
    }

    /// <summary>
    /// The lowest slot neither holding a piece nor changed since the last save: a slot emptied in this save is not
    /// reused in it, so a save cut short never leaves new deliveries in a slot the stored list has elsewhere.
    /// </summary>
    private int LowestFreeSlot()
    {
        var used = _pieces.Select(piece => piece.Slot).Concat(_changedSlots).ToHashSet();
        var slot = 0;
        while (used.Contains(slot))
        {
            slot++;
        }

        return slot;
    }

    private sealed class Piece(int slot)
    {
        public int Slot { get; } = slot;

        public List<PendingDelivery> Deliveries { get; } = [];
    }
}
