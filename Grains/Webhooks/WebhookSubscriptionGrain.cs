using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Storage;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// One subscription: its rules (<see cref="WebhookOutbox"/>) over its queue, stored in pieces beside its state
/// (<see cref="PendingQueue"/>, <see cref="PendingQueueRecords"/>), driven by a timer armed for the next due
/// delivery. A round's HTTP attempts run on the thread pool, outside this grain's turns, and come back as one
/// <see cref="RecordAttempts"/> call, so queueing (the router's call) never waits on a receiver. Every change is
/// stored before the call that made it returns; what was in flight when the process died is still pending in the
/// stored queue and is sent again (at least once: the receiver deduplicates by <c>webhook-id</c>).
/// </summary>
[GrainType(GrainTypeNames.WebhookSubscription)]
public sealed partial class WebhookSubscriptionGrain(
    [PersistentState(StateNames.WebhookSubscription, StorageNames.Grains)] IPersistentState<WebhookSubscriptionState> state,
    [FromKeyedServices(StorageNames.Grains)] IGrainStorage storage,
    WebhookSender sender,
    IClock clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookSubscriptionGrain> logger) : Grain, IWebhookSubscriptionGrain
{
    /// <summary>Pending deliveries <c>GET /webhooks/{id}/deliveries</c> lists (the count covers all).</summary>
    private const int PendingShown = 100;

    // Attempts sent and not yet recorded, with when they were sent: one whose report never came back (the call
    // failed) is sent again once it is older than the timeout allows.
    private readonly Dictionary<string, Instant> _inFlight = new(StringComparer.Ordinal);
    private readonly DeliveryPolicy _policy = DeliveryPolicy.From(options.Value);
    private IGrainTimer? _timer;
    private PendingQueue _queue = new();
    private PendingQueueRecords? _records;

    // Over whatever object the state holds now: activation reads it, and clearing replaces it.
    private WebhookOutbox Outbox => new(state.State, _queue, _policy, Random.Shared);

    private PendingQueueRecords Records => _records ??= new PendingQueueRecords(storage, this.GetPrimaryKeyString());

    private Duration InFlightLimit => Duration.FromTimeSpan(options.Value.Timeout) + Duration.FromSeconds(30);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _queue = PendingQueue.FromPieces(await Records.ReadAsync(state.State.QueueSlots));
        if (state.State.Pending.Count > 0)
        {
            // A state stored before the queue had pieces of its own: its queue moves into pieces, in its order.
            foreach (var delivery in state.State.Pending.Where(delivery => !_queue.Contains(delivery.Event.Id)))
            {
                _queue.Append(delivery);
            }

            await SaveAsync(withState: true);
        }

        ScheduleNext();
    }

    public async Task Initialize(WebhookDefinition definition, string secret)
    {
        state.State.Definition = definition;
        state.State.Secret = secret;
        await SaveAsync(withState: true);
    }

    public async Task Enqueue(StoreEvent[] events)
    {
        if (state.State.Definition is null)
        {
            return;
        }

        var (queued, dropped) = Outbox.Enqueue(events, clock.GetCurrentInstant());
        if (queued == 0)
        {
            return;
        }

        WebhookMetrics.DeliveriesDropped(dropped);
        // The state changes only when the queue dropped deliveries (their count) or changed its pieces.
        await SaveAsync(withState: dropped > 0);
        ScheduleNext();
    }

    public Task<WebhookStatus?> GetStatus() => Task.FromResult(Outbox.Status(InFlight()));

    public Task<WebhookDeliveries?> GetDeliveries() => Task.FromResult(Outbox.Deliveries(PendingShown));

    public Task<bool> Wake()
    {
        ScheduleNext();
        return Task.FromResult(state.State.Definition is not null && Outbox.PendingCount > 0);
    }

    public async Task RecordAttempts(WebhookAttemptResult[] results)
    {
        foreach (var result in results)
        {
            _inFlight.Remove(result.EventId);
        }

        if (state.State.Definition is null)
        {
            return;
        }

        if (Outbox.Record(results, clock.GetCurrentInstant()))
        {
            WebhookMetrics.SubscriptionDisabled();
            LogDisabled(logger, this.GetPrimaryKeyString(), state.State.Health.DisabledReason);
        }

        await SaveAsync(withState: true);
        ScheduleNext();
    }

    public async Task<bool> Remove()
    {
        var existed = state.State.Definition is not null;
        _timer?.Dispose();
        _timer = null;
        // The pieces first: a removal cut short leaves the subscription, whose listed pieces then read as empty.
        await Records.ClearAsync(state.State.QueueSlotCount);
        _queue = new PendingQueue();
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return existed;
    }

    /// <summary>
    /// Stores the queue's changed pieces, then the state when <paramref name="withState"/> or when the queue's list
    /// of pieces changed: a piece is stored before the list that names it. A refused write leaves this activation
    /// ahead of storage, so it is dropped: the next call activates it again from what is stored, and the caller (told
    /// of the failure) may try again.
    /// </summary>
    private async Task SaveAsync(bool withState)
    {
        try
        {
            var (pieces, emptied) = _queue.Changes();
            if (pieces.Count > 0 || emptied.Count > 0)
            {
                await Records.WriteAsync(pieces, emptied);
            }

            if (withState || _queue.SlotsChanged || state.State.Pending.Count > 0)
            {
                state.State.QueueSlots = [.. _queue.Slots];
                state.State.QueueSlotCount = Math.Max(state.State.QueueSlotCount, _queue.Slots.DefaultIfEmpty(-1).Max() + 1);
                state.State.Pending = [];
                await state.WriteStateAsync();
            }

            _queue.MarkStored();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Arms the timer for the next round (at once if one can start), or stops it when nothing waits.</summary>
    private void ScheduleNext()
    {
        ExpireInFlight();
        if (state.State.Definition is null || Outbox.NextRound(_inFlight, InFlightLimit) is not { } due)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // A wait of hours is re-armed by the router's sweep if this activation is collected meanwhile.
        var wait = TimeSpan.FromTicks(Math.Clamp((due - clock.GetCurrentInstant()).BclCompatibleTicks, 0, TimeSpan.FromHours(1).Ticks));
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Starts the due deliveries on the thread pool; their outcome comes back through <see cref="RecordAttempts"/>.</summary>
    private Task PumpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var due = Outbox.TakeDue(now, InFlight());
        if (due.Count > 0 && state.State.Definition is { } definition)
        {
            foreach (var delivery in due)
            {
                _inFlight[delivery.Event.Id] = now;
            }

            var target = new WebhookTarget(new Uri(definition.Url), WebhookSecret.Key(state.State.Secret));
            var batch = due.Select(delivery => (delivery.Event, delivery.AttemptsMade + 1)).ToArray();
            var self = this.AsReference<IWebhookSubscriptionGrain>();
            _ = Task.Run(() => SendAndReportAsync(self, target, batch));
        }

        ScheduleNext();
        return Task.CompletedTask;
    }

    /// <summary>Runs off the grain: sends, then reports back as a call, queued behind whatever the grain is doing.</summary>
    private async Task SendAndReportAsync(IWebhookSubscriptionGrain self, WebhookTarget target, (StoreEvent Event, int Attempt)[] batch)
    {
        try
        {
            var results = await sender.SendAsync(target, batch);
            await self.RecordAttempts(results);
        }
        catch (Exception error)
        {
            // The deliveries are still pending in storage: they are sent again once their in-flight mark expires.
            LogUnrecorded(logger, error, batch.Length);
        }
    }

    private HashSet<string> InFlight()
    {
        ExpireInFlight();
        return [.. _inFlight.Keys];
    }

    /// <summary>Forgets attempts sent longer ago than their outcome can take: they are taken as lost, and sent again.</summary>
    private void ExpireInFlight()
    {
        var expired = clock.GetCurrentInstant() - InFlightLimit;
        foreach (var (eventId, _) in _inFlight.Where(entry => entry.Value <= expired).ToArray())
        {
            _inFlight.Remove(eventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} is disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string subscriptionId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of {Count} webhook attempts could not be recorded; they will be sent again")]
    private static partial void LogUnrecorded(ILogger logger, Exception error, int count);
}
