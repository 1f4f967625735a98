using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// Everything a store answers questions from, swapped as one reference once an update is durable, so a query
/// interleaved with an ingest sees either the old store or the new one, never a mix.
/// </summary>
internal sealed class StoreSnapshot(PollTimeline polls, StoreHours hours, BusinessSchedule? schedule = null)
{
    private BusinessSchedule? _schedule = schedule;

    public static StoreSnapshot Empty { get; } = new(PollTimeline.Empty, StoreHours.None);

    public PollTimeline Polls { get; } = polls;

    /// <summary>Weekly hours, special hours and zone: everything the schedule is built from.</summary>
    public StoreHours Hours { get; } = hours;

    public ResolvedZone Zone { get; } = StoreTimeZone.Resolve(hours.ZoneId);

    /// <summary>Built on first use (or given, when the caller built it from the same hours already).</summary>
    public BusinessSchedule Schedule => _schedule ??= BusinessSchedule.Create(Hours.Weekly, Hours.Special, Zone.Zone);

    /// <summary>
    /// The store after an update of its polls alone: hours and zone stay, and so does the schedule when already
    /// built, so an hourly update does not rebuild it.
    /// </summary>
    public StoreSnapshot WithPolls(PollTimeline polls) => new(polls, Hours) { _schedule = _schedule };
}
