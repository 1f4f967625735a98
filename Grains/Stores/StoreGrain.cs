using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Model;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Uptime;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// A thin actor around the uptime engine: it owns one store's timeline, hours and zone, persists them,
/// and answers report and timeline questions with the pure code in <see cref="Uptime"/>.
/// </summary>
public sealed class StoreGrain(
    [PersistentState("store", StorageNames.Grains)] IPersistentState<StoreState> state) : Grain, IStoreGrain
{
    private PollTimeline _polls = PollTimeline.Empty;
    private ResolvedZone _zone = StoreTimeZone.Resolve(null);
    private BusinessSchedule? _schedule;

    private string StoreId => this.GetPrimaryKeyString();

    private BusinessSchedule Schedule => _schedule ??= BusinessSchedule.Create(state.State.Hours, _zone.Zone);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _polls = PollTimelineCodec.Decode(state.State.EncodedPolls);
        // The decoded timeline is the working copy; the bytes are rebuilt only when the state is written.
        state.State.EncodedPolls = [];
        _zone = StoreTimeZone.Resolve(state.State.ZoneId);
        return Task.CompletedTask;
    }

    public async Task<StoreIngestResult> Ingest(StoreUpdate update)
    {
        var merge = _polls.Merge(update.PollUnixTicks, update.PollStatuses);
        var changed = merge.Accepted > 0;

        if (update.Hours is { } hours && !hours.AsSpan().SequenceEqual(state.State.Hours))
        {
            state.State.Hours = hours;
            _schedule = null;
            changed = true;
        }

        var zoneId = update.ZoneId is { Length: 0 } ? null : update.ZoneId;
        if (update.ZoneId is not null && zoneId != state.State.ZoneId)
        {
            state.State.ZoneId = zoneId;
            _zone = StoreTimeZone.Resolve(zoneId);
            _schedule = null;
            changed = true;
        }

        if (changed)
        {
            state.State.EncodedPolls = PollTimelineCodec.Encode(merge.Timeline);
            try
            {
                await state.WriteStateAsync();
            }
            finally
            {
                state.State.EncodedPolls = [];
            }

            // Only once it is durable does the new timeline become the one reports see.
            _polls = merge.Timeline;
        }

        return new StoreIngestResult(merge.Accepted, merge.Duplicates, _polls.Latest?.ToUnixTimeTicks());
    }

    public Task<StoreUptime?> ComputeUptime(Instant now)
    {
        if (!_polls.HasPollAtOrBefore(now))
        {
            return Task.FromResult<StoreUptime?>(null);
        }

        var totals = UptimeCalculator.Compute(_polls, Schedule, now);
        return Task.FromResult<StoreUptime?>(new StoreUptime(StoreId, totals, _zone.Warning));
    }

    public Task<StoreTimeline> GetTimeline(Instant from, Instant to, Instant now)
    {
        var segments = UptimeCalculator.Segments(_polls, Schedule, from, to, now);
        return Task.FromResult(new StoreTimeline(StoreId, _zone.Zone.Id, from, to, [.. segments]));
    }

    public Task<StoreSummary> GetSummary()
    {
        var ticks = _polls.UnixTicks;
        return Task.FromResult(new StoreSummary(
            StoreId,
            _polls.Count,
            ticks.IsEmpty ? null : Instant.FromUnixTimeTicks(ticks[0]),
            _polls.Latest,
            state.State.ZoneId,
            _zone.Zone.Id,
            _zone.Warning,
            state.State.Hours));
    }
}
