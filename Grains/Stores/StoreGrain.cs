using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Diagnostics;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// A thin actor around the uptime engine: it owns one store's timeline, hours (weekly and special) and zone, persists them,
/// and answers report and timeline questions with the pure code in <see cref="Uptime"/>.
/// </summary>
[GrainType(GrainTypeNames.Store)]
[PartitionAffinityPlacement]
public sealed class StoreGrain(
    [PersistentState(StateNames.Store, StorageNames.Grains)] IPersistentState<StoreState> state,
    IOptions<StoreMonitorSiloOptions> options) : Grain, IStoreGrain
{
    private StoreSnapshot _current = StoreSnapshot.Empty;

    /// <summary>The newest run seen, written or not: a run that changed nothing here still fences older ones.</summary>
    private long _newestRun;

    private string StoreId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // State written before special hours existed has none (the serializer leaves the default).
        var hours = new StoreHours(state.State.Hours, state.State.SpecialHours ?? [], state.State.ZoneId);
        _current = new StoreSnapshot(PollTimelineCodec.Decode(state.State.EncodedPolls), hours);
        // The snapshot is the working copy; the bytes are rebuilt only when the state is written.
        state.State.EncodedPolls = [];
        _newestRun = state.State.LastRunNumber;
        StoreMonitorMetrics.StoreGrainActivated();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StoreMonitorMetrics.StoreGrainDeactivated();
        return Task.CompletedTask;
    }

    public async Task<StoreIngestResult> Ingest(StoreUpdate update)
    {
        if (update.RunNumber != 0)
        {
            if (update.RunNumber < _newestRun)
            {
                throw new StaleIngestionRunException(StoreId, update.RunNumber, _newestRun);
            }

            _newestRun = update.RunNumber;
        }

        var merge = _current.Polls.Merge(update.PollUnixTicks, update.PollStatuses);
        var hours = new StoreHours(
            update.Hours ?? _current.Hours.Weekly,
            update.SpecialHours ?? _current.Hours.Special,
            update.ZoneId is null ? _current.Hours.ZoneId : NullIfEmpty(update.ZoneId));
        var sameHoursAndZone = hours.SameAs(_current.Hours);
        var timeline = Retain(merge.Timeline, sameHoursAndZone, hours);

        if (!sameHoursAndZone || !SamePolls(timeline, _current.Polls))
        {
            state.State.Hours = hours.Weekly;
            state.State.SpecialHours = hours.Special;
            state.State.ZoneId = hours.ZoneId;
            state.State.LastRunNumber = _newestRun;
            state.State.EncodedPolls = PollTimelineCodec.Encode(timeline);
            try
            {
                await state.WriteStateAsync();
            }
            finally
            {
                state.State.EncodedPolls = [];
            }

            // Only once it is durable does the new store become the one queries see.
            _current = sameHoursAndZone ? _current.WithPolls(timeline) : new StoreSnapshot(timeline, hours);
        }

        return new StoreIngestResult(merge.Accepted, merge.Duplicates, _current.Polls.Latest?.ToUnixTimeTicks());
    }

    public Task<StoreUptime?> ComputeUptime(Instant now)
    {
        var store = _current;
        if (!store.Polls.HasPollAtOrBefore(now))
        {
            return Task.FromResult<StoreUptime?>(null);
        }

        var totals = UptimeCalculator.Compute(store.Polls, store.Schedule, now);
        return Task.FromResult<StoreUptime?>(new StoreUptime(StoreId, totals, store.Zone.Warning));
    }

    public Task<StoreWindowUptime?> ComputeWindows(Instant now, UptimeWindow[] windows)
    {
        var store = _current;
        if (!store.Polls.HasPollAtOrBefore(now))
        {
            return Task.FromResult<StoreWindowUptime?>(null);
        }

        var totals = new WindowTotals[windows.Length];
        UptimeCalculator.ComputeWindows(store.Polls, store.Schedule, now, windows, totals);
        return Task.FromResult<StoreWindowUptime?>(new StoreWindowUptime(StoreId, totals, store.Zone.Warning));
    }

    public Task<StoreTimeline> GetTimeline(Instant from, Instant to, Instant now)
    {
        var store = _current;
        var segments = UptimeCalculator.Segments(store.Polls, store.Schedule, from, to, now);
        var open = store.Schedule.OpenIntervals(from, to).Select(interval => new OpenInterval(interval.Start, interval.End));
        return Task.FromResult(new StoreTimeline(StoreId, store.Zone.Zone.Id, from, to, [.. segments], [.. open], PollMarks(store, from, to, now)));
    }

    public Task<StoreSummary> GetSummary()
    {
        var store = _current;
        var ticks = store.Polls.UnixTicks;
        return Task.FromResult(new StoreSummary(
            StoreId,
            store.Polls.Count,
            ticks.IsEmpty ? null : Instant.FromUnixTimeTicks(ticks[0]),
            store.Polls.Latest,
            store.Hours.ZoneId,
            store.Zone.Zone.Id,
            store.Zone.Warning,
            store.Hours.Weekly,
            store.Hours.Special));
    }

    public async Task<bool> Remove()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        await state.ClearStateAsync();
        // Only once the state is gone does the store answer as empty.
        _current = StoreSnapshot.Empty;
        state.State.EncodedPolls = [];
        return true;
    }

    private static PollMark[] PollMarks(StoreSnapshot store, Instant from, Instant to, Instant now)
    {
        var ticks = store.Polls.UnixTicks;
        var statuses = store.Polls.Statuses;
        var marks = new List<PollMark>();
        for (var i = 0; i < ticks.Length; i++)
        {
            var at = Instant.FromUnixTimeTicks(ticks[i]);
            if (at >= from && at < to && at <= now)
            {
                marks.Add(new PollMark(at, statuses[i], store.Schedule.IsOpen(at)));
            }
        }

        return [.. marks];
    }

    private static string? NullIfEmpty(string zoneId) => zoneId.Length == 0 ? null : zoneId;

    /// <summary>Compacts away the polls no report inside the retention horizon needs, so the state stays bounded.</summary>
    /// <param name="sameHoursAndZone">Whether the update keeps the store's hours and zone, and so its schedule.</param>
    private PollTimeline Retain(PollTimeline polls, bool sameHoursAndZone, StoreHours hours)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            return polls;
        }

        var schedule = sameHoursAndZone ? _current.Schedule : hours.CreateSchedule();
        return PollRetention.Compact(polls, schedule, Duration.FromDays(days));
    }

    private static bool SamePolls(PollTimeline left, PollTimeline right) =>
        ReferenceEquals(left, right) || (left.UnixTicks.SequenceEqual(right.UnixTicks) && left.Statuses.SequenceEqual(right.Statuses));
}
