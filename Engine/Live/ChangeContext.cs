using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine.Live;

/// <summary>
/// The business-time context of an instant, for a change or for a store's condition now: the opening it falls in and the
/// business time the store was down in its local day up to it, by the report rules (docs/SEMANTICS.md#extrapolation).
/// </summary>
/// <param name="OpenedAt">The start of the open interval (merged, as the schedule lists them) holding the instant; null when
/// the store is closed then, or has been open for longer than <see cref="ChangeContext.OpeningSearch"/> (open 24×7).</param>
/// <param name="DownToday">Down business time from the start of the store's local date to the instant, evidence up to it.</param>
public readonly record struct ChangeContext(Instant? OpenedAt, Duration DownToday)
{
    /// <summary>How far back the start of an opening is looked for.</summary>
    public static readonly Duration OpeningSearch = Duration.FromDays(8);

    public static ChangeContext At(PollTimeline polls, BusinessSchedule schedule, Instant at)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(schedule);
        return new ChangeContext(OpeningOf(schedule, at), DownBefore(polls, schedule, at));
    }

    private static Instant? OpeningOf(BusinessSchedule schedule, Instant at)
    {
        long end = UnixNanos.From(at) + 1;
        long start = end - 1 - OpeningSearch.ToInt64Nanoseconds();
        using var buffer = new IntervalBuffer(schedule.Capacity(end - start), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        int count = schedule.FillOpenIntervals(start, end, buffer.Span);
        // Merged and clipped to end just after the instant: only the last interval can hold it.
        if (count == 0 || buffer.Span[count - 1].End != end)
        {
            return null;
        }

        long opened = buffer.Span[count - 1].Start;
        return opened == start ? null : UnixNanos.ToInstant(opened);
    }

    /// <summary>The report engine's downtime over <c>[start of the local date, at)</c>, as a named range of a report as of <paramref name="at"/>.</summary>
    private static Duration DownBefore(PollTimeline polls, BusinessSchedule schedule, Instant at)
    {
        var dayStart = at.InZone(schedule.Zone).Date.AtStartOfDayInZone(schedule.Zone).ToInstant();
        if (dayStart >= at)
        {
            return Duration.Zero;
        }

        Span<UptimeWindow> window = [UptimeWindow.Range("today", dayStart, at)];
        Span<WindowTotals> totals = stackalloc WindowTotals[1];
        UptimeCalculator.ComputeWindows(polls, schedule, at, window, totals);
        return totals[0].Down;
    }
}
