using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Finds in-hours polls outside the span being swept: the last one before it and the first one after it.
/// Walks the polls in week-sized chunks of open intervals, skipping empty stretches, so a store that is
/// rarely polled in hours still costs O(polls + intervals) and no zone look-up per poll.
/// </summary>
internal static class InHoursSearch
{
    private const long ChunkLength = UnixNanos.PerWeek;

    /// <summary>Index of the last poll in <c>[0, end)</c> that lies in business hours, or −1.</summary>
    public static int LastBefore(BusinessSchedule schedule, ReadOnlySpan<long> ticks, int end) =>
        LastBefore(schedule, ticks, end, statuses: default, activeOnly: false);

    /// <summary>Index of the last poll in <c>[0, end)</c> that lies in business hours and saw the store active, or −1.</summary>
    public static int LastActiveBefore(BusinessSchedule schedule, ReadOnlySpan<long> ticks, ReadOnlySpan<PollStatus> statuses, int end) =>
        LastBefore(schedule, ticks, end, statuses, activeOnly: true);

    private static int LastBefore(BusinessSchedule schedule, ReadOnlySpan<long> ticks, int end, ReadOnlySpan<PollStatus> statuses, bool activeOnly)
    {
        if (end <= 0)
        {
            return -1;
        }

        if (schedule.IsAlwaysOpen && !activeOnly)
        {
            return end - 1;
        }

        using var buffer = new IntervalBuffer(schedule.Capacity(ChunkLength), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        // Chunks never reach beyond the polls being tested, so a lone poll costs a lone chunk of its own size.
        int i = end - 1;
        while (i >= 0)
        {
            // The chunk ends just after the next poll to test, so stretches without polls cost nothing.
            long chunkEnd = UnixNanos.FromTicks(ticks[i]) + 1;
            long chunkStart = Math.Max(chunkEnd - ChunkLength, UnixNanos.FromTicks(ticks[0]));
            var open = buffer.Span[..schedule.FillOpenIntervals(chunkStart, chunkEnd, buffer.Span)];
            int k = open.Length - 1;
            for (; i >= 0 && UnixNanos.FromTicks(ticks[i]) >= chunkStart; i--)
            {
                long at = UnixNanos.FromTicks(ticks[i]);
                while (k >= 0 && open[k].Start > at)
                {
                    k--;
                }

                if (k >= 0 && at < open[k].End && (!activeOnly || statuses[i] == PollStatus.Active))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>Index of the first poll in <c>[start, end)</c> that lies in business hours, or −1.</summary>
    public static int FirstFrom(BusinessSchedule schedule, ReadOnlySpan<long> ticks, int start, int end)
    {
        if (start >= end)
        {
            return -1;
        }

        if (schedule.IsAlwaysOpen)
        {
            return start;
        }

        using var buffer = new IntervalBuffer(schedule.Capacity(ChunkLength), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        int i = start;
        while (i < end)
        {
            long chunkStart = UnixNanos.FromTicks(ticks[i]);
            long chunkEnd = Math.Min(chunkStart + ChunkLength, UnixNanos.FromTicks(ticks[end - 1]) + 1);
            var open = buffer.Span[..schedule.FillOpenIntervals(chunkStart, chunkEnd, buffer.Span)];
            int k = 0;
            for (; i < end && UnixNanos.FromTicks(ticks[i]) < chunkEnd; i++)
            {
                long at = UnixNanos.FromTicks(ticks[i]);
                while (k < open.Length && open[k].End <= at)
                {
                    k++;
                }

                if (k < open.Length && open[k].Start <= at)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>Whether any poll in <c>[start, end)</c> lies in <paramref name="open"/> (sorted, merged).</summary>
    public static bool AnyIn(ReadOnlySpan<NanoInterval> open, ReadOnlySpan<long> ticks, int start, int end)
    {
        int k = 0;
        for (int i = start; i < end; i++)
        {
            long at = UnixNanos.FromTicks(ticks[i]);
            while (k < open.Length && open[k].End <= at)
            {
                k++;
            }

            if (k == open.Length)
            {
                return false;
            }

            if (open[k].Start <= at)
            {
                return true;
            }
        }

        return false;
    }
}
