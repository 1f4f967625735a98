using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// The evidence and extrapolation rules (docs/SEMANTICS.md#evidence, #extrapolation) over one span: chooses the evidence, then walks the span's open intervals and the evidence polls
/// together, handing each piece of business time to a sink with the status of the nearest evidence poll.
/// One pass, exact integer nanoseconds, O(polls + intervals), no allocation.
/// </summary>
internal static class ExtrapolationSweep
{
    /// <summary>Feeds the business time in <c>[from, to)</c> (Unix nanoseconds) to <paramref name="sink"/>, in order.
    /// Only polls at or before <paramref name="now"/> count; with none, nothing is fed.</summary>
    public static void Run<TSink>(PollTimeline polls, BusinessSchedule schedule, long from, long to, long now, ref TSink sink)
        where TSink : struct, IStatusSink
    {
        var ticks = polls.UnixTicks;
        int known = UpperBound(ticks, UnixNanos.FloorDiv(now, UnixNanos.PerTick));
        if (known == 0 || to <= from)
        {
            return;
        }

        using var buffer = new IntervalBuffer(schedule.Capacity(to - from), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        ReadOnlySpan<NanoInterval> open = buffer.Span[..schedule.FillOpenIntervals(from, to, buffer.Span)];
        if (open.IsEmpty)
        {
            return;
        }

        // Polls inside the span are [middleStart, middleEnd); polls after it but not after now follow.
        int middleStart = LowerBound(ticks[..known], CeilingTicks(from));
        int middleEnd = LowerBound(ticks[..known], CeilingTicks(to));

        int before = InHoursSearch.LastBefore(schedule, ticks, middleStart);
        bool inHoursInSpan = InHoursSearch.AnyIn(open, ticks, middleStart, middleEnd);
        int after = InHoursSearch.FirstFrom(schedule, ticks, middleEnd, known);
        bool inHoursOnly = before >= 0 || inHoursInSpan || after >= 0;
        if (!inHoursOnly)
        {
            // No poll up to now lies in business hours: every poll is evidence (docs/SEMANTICS.md#evidence).
            before = middleStart - 1;
            after = middleEnd < known ? middleEnd : -1;
        }

        var evidence = new EvidenceCursor(ticks, polls.Statuses, open, inHoursOnly, before, middleStart, middleEnd, after);
        Walk(open, ref evidence, ref sink);
    }

    /// <summary>
    /// The status every piece of business time before <paramref name="until"/> takes: that of the first evidence poll,
    /// which owns everything before it and up to the midpoint with the second (<see cref="long.MaxValue"/> when there
    /// is no second). False when no poll is at or before <paramref name="now"/> (then no time has a status).
    /// </summary>
    public static bool TryLeadingStatus(PollTimeline polls, BusinessSchedule schedule, long now, out long until, out PollStatus status)
    {
        var ticks = polls.UnixTicks;
        int known = UpperBound(ticks, UnixNanos.FloorDiv(now, UnixNanos.PerTick));
        until = long.MinValue;
        status = default;
        if (known == 0)
        {
            return false;
        }

        // Evidence is the polls in business hours when there is one, otherwise every poll (docs/SEMANTICS.md#evidence).
        int first = FirstInHours(schedule, ticks, 0, known);
        int second;
        if (first >= 0)
        {
            second = FirstInHours(schedule, ticks, first + 1, known);
        }
        else
        {
            first = 0;
            second = known > 1 ? 1 : -1;
        }

        status = polls.Statuses[first];
        long firstAt = UnixNanos.FromTicks(ticks[first]);
        until = second < 0 ? long.MaxValue : firstAt + ((UnixNanos.FromTicks(ticks[second]) - firstAt) / 2);
        return true;
    }

    // Most stores' first polls are in hours: asking them one by one lists a day of intervals each, where a search in
    // chunks lists a week at once.
    private static int FirstInHours(BusinessSchedule schedule, ReadOnlySpan<long> ticks, int start, int end)
    {
        const int AskedOneByOne = 4;
        int oneByOneEnd = Math.Min(end, start + AskedOneByOne);
        for (int i = start; i < oneByOneEnd; i++)
        {
            if (schedule.IsOpen(UnixNanos.ToInstant(UnixNanos.FromTicks(ticks[i]))))
            {
                return i;
            }
        }

        return InHoursSearch.FirstFrom(schedule, ticks, oneByOneEnd, end);
    }

    private static void Walk<TSink>(ReadOnlySpan<NanoInterval> open, ref EvidenceCursor evidence, ref TSink sink)
        where TSink : struct, IStatusSink
    {
        // The current poll owns the time up to the midpoint with the next one; the first poll also owns
        // everything before it and the last everything after it (docs/SEMANTICS.md#extrapolation).
        if (!evidence.TryNext(out long current, out var status))
        {
            return;
        }

        long boundary = NextBoundary(ref evidence, current, out long next, out var nextStatus);
        foreach (var interval in open)
        {
            long start = interval.Start;
            while (start < interval.End)
            {
                // The midpoint instant itself belongs to the earlier poll (docs/SEMANTICS.md#extrapolation), but a
                // half-open segment cannot end on an instant it includes: segments change status at the midpoint.
                // The two readings differ on that one instant, which has no length.
                while (boundary <= start)
                {
                    status = nextStatus;
                    boundary = NextBoundary(ref evidence, next, out next, out nextStatus);
                }

                long end = Math.Min(interval.End, boundary);
                sink.Add(start, end, status);
                start = end;
            }
        }
    }

    private static long NextBoundary(ref EvidenceCursor evidence, long current, out long next, out PollStatus nextStatus)
    {
        if (evidence.TryNext(out next, out nextStatus))
        {
            // Poll instants are whole ticks (multiples of 100 ns), so the midpoint is an exact nanosecond.
            return current + ((next - current) / 2);
        }

        return long.MaxValue;
    }

    private static long CeilingTicks(long nanos) => -UnixNanos.FloorDiv(-nanos, UnixNanos.PerTick);

    private static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        int index = sorted.BinarySearch(value);
        return index >= 0 ? index : ~index;
    }

    private static int UpperBound(ReadOnlySpan<long> sorted, long value)
    {
        int index = sorted.BinarySearch(value);
        return index >= 0 ? index + 1 : ~index;
    }
}
