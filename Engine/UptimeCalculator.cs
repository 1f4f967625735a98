using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>Evidence selection, nearest-poll extrapolation and the report windows (docs/SEMANTICS.md, docs/REPORTS.md).</summary>
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

    /// <summary>The most windows one call computes (their bounds and sums are held inline, on the stack).</summary>
    public const int MaxWindows = 32;

    /// <summary>
    /// Up and down business time in each of <paramref name="windows"/> for a report as of <paramref name="now"/>
    /// (SPEC R10), written to <paramref name="into"/> in the same order. Polls after now are ignored, also for a range
    /// that ends after now; a range that ends before now still takes evidence up to now. Zero totals when no poll is
    /// at or before now.
    /// </summary>
    /// <remarks>One pass over the union of the windows (<see cref="WindowSpans"/>): every piece of business time is
    /// extrapolated once and added to running totals noted at each window boundary (<see cref="WindowSetSink"/>), so more
    /// windows cost a few more boundaries, not more work per piece nor another pass over the polls. A long stretch
    /// before the store's evidence begins, all of one status, is measured in whole weeks (<see cref="LeadingStretch"/>)
    /// instead of interval by interval. Nothing is allocated (a very long span's open intervals use pooled memory).</remarks>
    public static void ComputeWindows(PollTimeline polls, BusinessSchedule schedule, Instant now, ReadOnlySpan<UptimeWindow> windows, Span<WindowTotals> into)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(schedule);
        if (windows.Length > MaxWindows)
        {
            throw new ArgumentException($"At most {MaxWindows} windows at once.", nameof(windows));
        }

        if (into.Length < windows.Length)
        {
            throw new ArgumentException("One result per window.", nameof(into));
        }

        Span<NanoInterval> bounds = stackalloc NanoInterval[windows.Length];
        for (var i = 0; i < windows.Length; i++)
        {
            var span = windows[i].Span(now);
            bounds[i] = new NanoInterval(UnixNanos.From(span.Start), UnixNanos.From(span.End));
        }

        Span<NanoInterval> spans = stackalloc NanoInterval[windows.Length];
        int spanCount = WindowSpans.Union(bounds, spans);

        long end = UnixNanos.From(now);
        var sink = new WindowSetSink(bounds);
        var leading = new LeadingStretch(polls, schedule, end);
        foreach (var span in spans[..spanCount])
        {
            long from = leading.Add(span, ref sink);
            ExtrapolationSweep.Run(polls, schedule, from, span.End, end, ref sink);
        }

        for (var i = 0; i < windows.Length; i++)
        {
            into[i] = sink.Totals(i);
        }
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
