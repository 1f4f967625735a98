using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine.Live;

/// <summary>
/// Derives a store's live changes (<c>store.down</c>, <c>store.up</c>, <c>store.silent</c>) and its condition from its
/// polls and hours, by the rules of docs/LIVE.md#rules. Pure: the same polls, hours and instants always give the same
/// changes, so replaying polls derives nothing new. Bounded: a derivation walks only the polls after the region's start
/// back to the last in-hours active poll before it (where the status is known to be up whatever came earlier), with open
/// intervals filled a couple of days at a time, and allocates nothing of its own.
/// </summary>
public static class StatusEvents
{
    /// <summary>How far past the silence threshold an opening is looked for: further, and the store never falls silent
    /// until it is looked at again (a store closed for more than a year).</summary>
    public static readonly Duration SilenceSearch = Duration.FromDays(400);

    /// <summary>
    /// Walks <paramref name="polls"/> and hands <paramref name="sink"/> every change after <paramref name="after"/> (all of
    /// them when null), in time order. With <paramref name="asOf"/>, polls after it are ignored and a silence after the
    /// last poll counts when it begins at or before <paramref name="asOf"/>; without it, nothing after the last poll is
    /// looked at. Returns the condition the walk ends in.
    /// </summary>
    /// <remarks>The changes after <paramref name="after"/> are exactly those of a walk over every poll from the first,
    /// filtered by instant: the walk starts from the last in-hours active poll at or before <paramref name="after"/>,
    /// where the status is up whatever came before.</remarks>
    public static LiveCondition Derive<TSink>(PollTimeline polls, BusinessSchedule schedule, Duration silentAfter, Instant? after, Instant? asOf, ref TSink sink)
        where TSink : struct, IStatusChangeSink
    {
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(schedule);
        if (silentAfter <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(silentAfter), silentAfter, "The silence threshold must be positive.");
        }

        var ticks = polls.UnixTicks;
        var statuses = polls.Statuses;
        int known = asOf is { } limit ? polls.CountAtOrBefore(limit) : ticks.Length;
        long from = after is { } start ? UnixNanos.From(start) : long.MinValue;
        long silent = silentAfter.ToInt64Nanoseconds();

        // The walk starts at the last in-hours active poll at or before the region's start: the status is up there.
        int regionStart = after is { } first ? Math.Min(polls.CountAtOrBefore(first), known) : 0;
        int anchor = InHoursSearch.LastActiveBefore(schedule, ticks, statuses, regionStart);
        var walk = anchor >= 0 ? StatusWalk.UpAt(silent, UnixNanos.FromTicks(ticks[anchor])) : new StatusWalk(silent);

        using var buffer = new IntervalBuffer(OpenCursor.Capacity(schedule), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        var open = new OpenCursor(schedule, buffer.Span);
        for (int i = anchor + 1; i < known; i++)
        {
            long at = UnixNanos.FromTicks(ticks[i]);
            // A silence in the gap before this poll: the first open instant past the threshold, before the poll.
            if (walk.CanFallSilent && at - walk.LastPoll > silent
                && open.FirstOpen(walk.SilenceThreshold, at) is { } silence
                && walk.FallSilent(silence, out var quiet) && silence > from)
            {
                sink.Add(quiet);
            }

            if (walk.Poll(at, statuses[i], open.IsOpen(at), out var change) && at > from)
            {
                sink.Add(change);
            }
        }

        long? checkAt = null;
        if (walk.CanFallSilent)
        {
            long threshold = walk.SilenceThreshold;
            long searchEnd = threshold + SilenceSearch.ToInt64Nanoseconds();
            var opens = open.FirstOpen(threshold, searchEnd);
            if (asOf is { } now && opens is { } silence && silence <= UnixNanos.From(now)
                && walk.FallSilent(silence, out var quiet) && silence > from)
            {
                sink.Add(quiet);
            }

            // No opening within the search: look again at its end, unless that has passed already (then never).
            checkAt = !walk.CanFallSilent ? null : opens ?? (asOf is { } end && searchEnd <= UnixNanos.From(end) ? null : searchEnd);
        }

        return Condition(walk, checkAt);
    }

    /// <summary>The store's condition as of <paramref name="asOf"/>, with no changes collected.</summary>
    public static LiveCondition ConditionAt(PollTimeline polls, BusinessSchedule schedule, Duration silentAfter, Instant asOf)
    {
        var none = default(NoChanges);
        return Derive(polls, schedule, silentAfter, asOf, asOf, ref none);
    }

    private static LiveCondition Condition(in StatusWalk walk, long? checkAt)
    {
        bool notUp = walk.Condition is StoreCondition.Down or StoreCondition.Silent;
        return new LiveCondition(
            walk.Condition,
            notUp ? UnixNanos.ToInstant(walk.Since) : null,
            notUp ? UnixNanos.ToInstant(walk.DownSince) : null,
            walk.LastPoll == StatusWalk.NoPoll ? null : UnixNanos.ToInstant(walk.LastPoll),
            checkAt is { } check ? UnixNanos.ToInstant(check) : null);
    }

    private struct NoChanges : IStatusChangeSink
    {
        public readonly void Add(in StatusChange change)
        {
        }
    }
}
