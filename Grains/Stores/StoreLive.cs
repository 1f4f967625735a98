using NodaTime;
using StoreMonitor.Engine.Live;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// The live rules (docs/LIVE.md) as a store applies them to its snapshots: which events an ingest makes new, which
/// silence a sweep finds, the history and the condition. Pure; <see cref="StoreGrain"/> sends what this finds.
/// </summary>
internal static class StoreLive
{
    /// <summary>
    /// The events <paramref name="after"/> has that <paramref name="before"/> had not, as far as they are live: at or
    /// before the newest poll and within the event horizon of it, or a silence after it that began within the horizon of
    /// <paramref name="now"/>. Both are derived from the poll before the update's earliest poll on, which is where the
    /// update can change anything; a replay changes no poll and was not asked about.
    /// </summary>
    /// <param name="earliestUpdated">The earliest poll instant of the update (Unix ticks).</param>
    public static (List<StoreEvent> Events, LiveCondition Condition) NewEvents(
        string storeId, StoreSnapshot before, StoreSnapshot after, long earliestUpdated, LiveOptions options, Instant now)
    {
        var silentAfter = Duration.FromTimeSpan(options.SilentAfter);
        var horizon = Duration.FromTimeSpan(options.EventHorizon);
        var newest = after.Polls.Latest!.Value;
        var asOf = Instant.Max(now, newest);
        var ticks = after.Polls.UnixTicks;
        var previous = ticks.BinarySearch(earliestUpdated);
        previous = (previous >= 0 ? previous : ~previous) - 1;
        var from = newest - horizon;
        if (previous >= 0 && Instant.FromUnixTimeTicks(ticks[previous]) > from)
        {
            from = Instant.FromUnixTimeTicks(ticks[previous]);
        }

        var found = new StatusChangeList();
        var condition = StatusEvents.Derive(after.Polls, after.Schedule, silentAfter, from, asOf, ref found);
        var events = new List<StoreEvent>();
        if (found.Changes.Count == 0)
        {
            return (events, condition);
        }

        var had = new StatusChangeList();
        if (before.Polls.Count > 0)
        {
            StatusEvents.Derive(before.Polls, before.Schedule, silentAfter, from, asOf: null, ref had);
        }

        foreach (var change in found.Changes)
        {
            var trailingTooOld = change.At > newest && change.At < now - horizon;
            if (!trailingTooOld && !had.Changes.Exists(known => known.Kind == change.Kind && known.At == change.At))
            {
                events.Add(StoreEvent.From(storeId, change, ChangeContext.At(after.Polls, after.Schedule, change.At)));
            }
        }

        return (events, condition);
    }

    /// <summary>The silence after the store's latest poll that began by <paramref name="now"/>, if any, and the condition.</summary>
    public static (StatusChange? Silence, LiveCondition Condition) SilenceAfterLatest(StoreSnapshot store, LiveOptions options, Instant now)
    {
        if (store.Polls.Latest is not { } latest)
        {
            return (null, LiveCondition.None);
        }

        var found = new StatusChangeList();
        var condition = StatusEvents.Derive(store.Polls, store.Schedule, Duration.FromTimeSpan(options.SilentAfter), latest, Instant.Max(now, latest), ref found);
        return (found.Changes.Count > 0 ? found.Changes[^1] : null, condition);
    }

    public static LiveCondition ConditionAt(StoreSnapshot store, LiveOptions options, Instant now) =>
        store.Polls.Latest is { } latest
            ? StatusEvents.ConditionAt(store.Polls, store.Schedule, Duration.FromTimeSpan(options.SilentAfter), Instant.Max(now, latest))
            : LiveCondition.None;

    /// <summary>The latest <paramref name="limit"/> events as of <paramref name="now"/>, newest first.</summary>
    public static StoreEvent[] History(string storeId, StoreSnapshot store, LiveOptions options, Instant now, int limit)
    {
        if (store.Polls.Latest is not { } latest)
        {
            return [];
        }

        var latestChanges = new LatestStatusChanges(limit);
        StatusEvents.Derive(store.Polls, store.Schedule, Duration.FromTimeSpan(options.SilentAfter), after: null, Instant.Max(now, latest), ref latestChanges);
        return [.. latestChanges.NewestFirst().Select(change => StoreEvent.From(storeId, change, ChangeContext.At(store.Polls, store.Schedule, change.At)))];
    }
}
