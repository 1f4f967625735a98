namespace StoreMonitor.Engine.Live;

/// <summary>
/// Answers "is the store open at t" and "when does it next open from t" for instants that only move forward, filling
/// the schedule's open intervals a chunk at a time into the caller's buffer: a walk over a store's polls costs a few
/// fills, not a zone look-up per poll. Allocation-free.
/// </summary>
internal ref struct OpenCursor
{
    /// <summary>How much of the schedule one fill covers: the usual walk (the last hours' polls, a silence two hours on)
    /// needs one or two.</summary>
    public const long ChunkLength = 2 * UnixNanos.PerDay;

    private readonly BusinessSchedule schedule;
    private readonly Span<NanoInterval> buffer;
    private long chunkStart;
    private long chunkEnd;
    private int count;
    private int index;

    /// <param name="buffer">At least <see cref="BusinessSchedule.Capacity"/> of <see cref="ChunkLength"/>.</param>
    public OpenCursor(BusinessSchedule schedule, Span<NanoInterval> buffer)
    {
        this.schedule = schedule;
        this.buffer = buffer;
        chunkStart = long.MaxValue;
        chunkEnd = long.MinValue;
        count = 0;
        index = 0;
    }

    public static int Capacity(BusinessSchedule schedule) => schedule.Capacity(ChunkLength);

    /// <summary>Whether the store is open at <paramref name="at"/> (Unix nanoseconds), no earlier than the previous question.</summary>
    public bool IsOpen(long at)
    {
        MoveTo(at);
        return index < count && buffer[index].Start <= at;
    }

    /// <summary>The first open instant in <c>[from, before)</c>, or null; <paramref name="from"/> no earlier than the previous question.</summary>
    public long? FirstOpen(long from, long before)
    {
        for (long at = from; at < before; at = chunkEnd)
        {
            MoveTo(at);
            if (index < count)
            {
                long open = Math.Max(buffer[index].Start, at);
                return open < before ? open : null;
            }
        }

        return null;
    }

    private void MoveTo(long at)
    {
        if (at < chunkStart || at >= chunkEnd)
        {
            chunkStart = at;
            chunkEnd = at > long.MaxValue - ChunkLength ? long.MaxValue : at + ChunkLength;
            count = schedule.FillOpenIntervals(chunkStart, chunkEnd, buffer);
            index = 0;
        }

        // Intervals are sorted and the questions move forward, so the index only moves forward.
        while (index < count && buffer[index].End <= at)
        {
            index++;
        }
    }
}
