using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>Evidence selection, nearest-poll extrapolation and the three report windows (docs/SEMANTICS.md).</summary>
public static class UptimeCalculator
{
    /// <summary>Length of the last-hour window (docs/SEMANTICS.md#windows): a fixed duration, not a clock hour.</summary>
    public static readonly Duration LastHour = Duration.FromHours(1);

    /// <summary>Length of the last-day window: 24 hours, whatever the store's calendar does.</summary>
    public static readonly Duration LastDay = Duration.FromHours(24);

    /// <summary>Length of the last-week window: 168 hours.</summary>
    public static readonly Duration LastWeek = Duration.FromHours(168);

    /// <summary>Up and down business time in the last hour, day and week before <paramref name="now"/>.
    /// Polls after <paramref name="now"/> are ignored. Zero totals when no poll is at or before now.</summary>
    /// <remarks>All three windows come from one pass over the week's open intervals and evidence polls; the
    /// cost is O(polls + intervals) and nothing is allocated.</remarks>
    public static UptimeTotals Compute(PollTimeline polls, BusinessSchedule schedule, Instant now)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(schedule);

        long end = UnixNanos.From(now);
        var totals = new WindowTotalsSink(end - LastDay.ToInt64Nanoseconds(), end - LastHour.ToInt64Nanoseconds());
        ExtrapolationSweep.Run(polls, schedule, end - LastWeek.ToInt64Nanoseconds(), end, end, ref totals);
        return totals.ToTotals();
    }

    /// <summary>The business time in <c>[from, to)</c> as status segments, using evidence up to <paramref name="now"/>.</summary>
    /// <remarks>Same rules as <see cref="Compute"/>: summing the segments of a window by status gives its totals.
    /// Touching segments of one status are joined; segments separated by closed time are not.
    /// Empty when no poll is at or before <paramref name="now"/>.</remarks>
    public static IReadOnlyList<StatusSegment> Segments(PollTimeline polls, BusinessSchedule schedule, Instant from, Instant to, Instant now)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(schedule);

        var segments = new SegmentListSink();
        ExtrapolationSweep.Run(polls, schedule, UnixNanos.From(from), UnixNanos.From(to), UnixNanos.From(now), ref segments);
        return segments.Segments;
    }
}
