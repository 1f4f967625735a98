using StoreMonitor.Engine;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// Everything a store answers questions from, swapped as one reference once an update is durable, so a query
/// interleaved with an ingest sees either the old store or the new one, never a mix.
/// </summary>
internal sealed class StoreSnapshot(PollTimeline polls, StoreHours hours)
{
    public static StoreSnapshot Empty { get; } = new(PollTimeline.Empty, StoreHours.None);

    public PollTimeline Polls { get; } = polls;

    /// <summary>Weekly hours, special hours and zone, with the schedule built from them (shared with every store that has the same).</summary>
    public StoreHours Hours { get; } = hours;

    public ResolvedZone Zone => Hours.Zone;

    public BusinessSchedule Schedule => Hours.Schedule;

    /// <summary>The store after an update of its polls alone: hours, zone and schedule stay.</summary>
    public StoreSnapshot WithPolls(PollTimeline polls) => new(polls, Hours);
}
