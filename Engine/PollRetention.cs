using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Drops the polls no report inside the retention horizon can need, so a store's state stops growing.
/// <para>
/// A report as of <c>T</c>, with <c>T</c> no earlier than <c>latest − horizon</c>, looks at business time from
/// <c>T − 168 h</c> on, so every poll from <c>K = latest − horizon − 168 h</c> on is kept. Of the polls before
/// <c>K</c> it can need only two (SEMANTICS: evidence and nearest poll):
/// </para>
/// <list type="bullet">
/// <item>the last in-hours poll before <c>K</c>: the nearest evidence poll, from the past, to any instant after
/// <c>K</c> when the store has in-hours polls; keeping it also keeps "has an in-hours poll" true for every such
/// report;</item>
/// <item>the last poll before <c>K</c>, in hours or not: the nearest evidence poll from the past for a store with no
/// in-hours poll at all (then all its polls are evidence); it also keeps the store in reports (it has a poll at or
/// before <c>T</c>).</item>
/// </list>
/// <para>
/// "In hours" is judged with the schedule given, the store's current hours and zone; when they change later, the
/// kept polls are judged again with the new ones, and only a report near the start of the horizon could tell.
/// </para>
/// </summary>
public static class PollRetention
{
    /// <summary>The polls of <paramref name="polls"/> that every report as of <c>latest − horizon</c> or later needs.</summary>
    public static PollTimeline Compact(PollTimeline polls, BusinessSchedule schedule, Duration horizon)
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(schedule);
        if (polls.Latest is not { } latest)
        {
            return polls;
        }

        var ticks = polls.UnixTicks;
        var keepFrom = (latest - horizon - UptimeCalculator.LastWeek).ToUnixTimeTicks();
        var first = ticks.BinarySearch(keepFrom);
        first = first >= 0 ? first : ~first;
        // Equal instants never repeat in a timeline, so the binary search finds the first poll at or after K.
        var lastAny = first - 1;
        var lastInHours = InHoursSearch.LastBefore(schedule, ticks, first);
        var dropped = first - (lastInHours >= 0 && lastInHours != lastAny ? 2 : 1);
        if (first == 0 || dropped <= 0)
        {
            return polls;
        }

        var keptTicks = new long[ticks.Length - dropped];
        var keptStatuses = new PollStatus[keptTicks.Length];
        var at = 0;
        if (lastInHours >= 0 && lastInHours != lastAny)
        {
            keptTicks[at] = ticks[lastInHours];
            keptStatuses[at++] = polls.Statuses[lastInHours];
        }

        ticks[lastAny..].CopyTo(keptTicks.AsSpan(at));
        polls.Statuses[lastAny..].CopyTo(keptStatuses.AsSpan(at));
        return PollTimeline.FromSorted(keptTicks, keptStatuses);
    }

    /// <summary>The earliest report time a store compacted with <paramref name="horizon"/> still answers exactly, given the latest poll of all stores.</summary>
    public static Instant EarliestAsOf(Instant latestPoll, Duration horizon) => latestPoll - horizon;
}
