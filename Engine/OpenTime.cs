using NodaTime;

namespace StoreMonitor.Engine;

/// <summary>
/// How much business time a span holds, without listing every open interval of a long span: where the weekly rows
/// simply repeat (one zone offset, no special date), every seven days hold the same business time, so whole weeks are
/// counted and only what is left over is listed. Exact to the nanosecond: the sum of the lengths
/// <see cref="BusinessSchedule.FillOpenIntervals"/> would list.
/// </summary>
internal static class OpenTime
{
    private const long Week = UnixNanos.PerWeek;

    // An opening of local date d lies in local [d, d + 2 days).
    private const long OpeningReach = 2 * UnixNanos.PerDay;

    /// <summary>The business time in <c>[from, to)</c> (Unix nanoseconds).</summary>
    public static long Measure(BusinessSchedule schedule, long from, long to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (schedule.IsAlwaysOpen)
        {
            return to - from;
        }

        long total = 0;
        long at = from;
        while (at < to)
        {
            long steadyEnd = SteadyUntil(schedule, at, to);
            if (steadyEnd - at >= 2 * Week)
            {
                long weeks = (steadyEnd - at) / Week;
                total += weeks * SteadyWeek(schedule, at);
                at += weeks * Week;
                continue;
            }

            // Near an offset change or a special date, or too short to gain: listed. A week at most, then look again.
            long listEnd = steadyEnd > at ? steadyEnd : Math.Min(to, at + Week);
            total += Listed(schedule, at, listEnd);
            at = listEnd;
        }

        return total;
    }

    /// <summary>How far from <paramref name="at"/> (up to <paramref name="to"/>) the weekly rows repeat unchanged: <paramref name="at"/> itself when they do not there.</summary>
    private static long SteadyUntil(BusinessSchedule schedule, long at, long to)
    {
        var zone = schedule.Zone;
        long minOffset = zone.MinOffset.Nanoseconds;
        long maxOffset = zone.MaxOffset.Nanoseconds;
        long end = to;
        if (minOffset != maxOffset)
        {
            // Every opening that reaches into the stretch maps at the one offset in force from a margin before the
            // stretch to a margin after it: the margin covers an opening's reach and the zone's spread of offsets.
            long margin = OpeningReach + (maxOffset - minOffset) + UnixNanos.PerDay;
            var interval = zone.GetZoneInterval(UnixNanos.ToInstant(at - margin));
            if (interval.HasEnd)
            {
                end = Math.Min(end, UnixNanos.FromSaturating(interval.End) - margin);
            }
        }

        // A special date s replaces the openings of local [s, s + 2 days): at most instants [s − maxOffset, s + 2 days − minOffset).
        for (long date = UnixNanos.FloorDiv(at + minOffset - OpeningReach, UnixNanos.PerDay) - 1;
             schedule.FirstSpecialDateFrom(date) is { } special;
             date = special + 1)
        {
            long specialMidnight = special * UnixNanos.PerDay;
            if (specialMidnight - maxOffset >= end)
            {
                break;
            }

            if (specialMidnight + OpeningReach - minOffset > at)
            {
                end = Math.Min(end, specialMidnight - maxOffset);
                break;
            }
        }

        return Math.Max(at, end);
    }

    private static long SteadyWeek(BusinessSchedule schedule, long steadyStart)
    {
        long week = schedule.SteadyWeekOpenNanos;
        if (week < 0)
        {
            week = Listed(schedule, steadyStart, steadyStart + Week);
            schedule.SteadyWeekOpenNanos = week;
        }

        return week;
    }

    private static long Listed(BusinessSchedule schedule, long from, long to)
    {
        using var buffer = new IntervalBuffer(schedule.Capacity(to - from), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        long total = 0;
        foreach (var interval in buffer.Span[..schedule.FillOpenIntervals(from, to, buffer.Span)])
        {
            total += interval.End - interval.Start;
        }

        return total;
    }
}
