using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Grains.Webhooks;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>A subscription's queue rules, each time worked out by hand from the schedule 5 s, 1 min, 1 h (no jitter).</summary>
public sealed class WebhookOutboxTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 3, 1, 10, 0);
    private static readonly HashSet<string> NoneInFlight = [];

    private readonly WebhookSubscriptionState _state = new()
    {
        Definition = new WebhookDefinition("wh_1", "https://hooks.example.com/x", new WebhookFilter([.. StoreEventKinds.All], null, null), T0),
        Secret = WebhookSecret.New(),
    };

    private readonly PendingQueue _queue = new();

    private List<PendingDelivery> Pending => [.. _queue.Deliveries];

    private WebhookOutbox Outbox(int maxPending = 100, int disableAfter = 5, int history = 100, int concurrent = 4) =>
        new(_state, _queue, new DeliveryPolicy(RetrySchedule.Parse("5s,1m,1h").Schedule!, 0, disableAfter, maxPending, history, concurrent), new Random(1));

    [Fact]
    public void A_full_queue_drops_its_oldest_and_an_event_already_pending_is_not_queued_again()
    {
        var outbox = Outbox(maxPending: 3);
        var events = Enumerable.Range(1, 4).Select(minute => Event(StoreEventKinds.Down, "s", Noon + Duration.FromMinutes(minute))).ToArray();

        var first = outbox.Enqueue(events, T0);
        var again = outbox.Enqueue([events[3]], T0);

        Assert.Equal((4, 1), first);
        Assert.Equal((0, 0), again);
        Assert.Equal(events[1..].Select(e => e.Id), Pending.Select(delivery => delivery.Event.Id));
        Assert.Equal(1, _state.Health.Dropped);
    }

    [Fact]
    public void While_the_receiver_answers_deliveries_go_out_several_at_a_time_oldest_first()
    {
        var outbox = Outbox(concurrent: 2);
        outbox.Enqueue([Event(StoreEventKinds.Down, "a"), Event(StoreEventKinds.Down, "b"), Event(StoreEventKinds.Down, "c")], T0);

        var due = outbox.TakeDue(T0, NoneInFlight);
        var whileOneInFlight = outbox.TakeDue(T0, new HashSet<string> { due[0].Event.Id });

        Assert.Equal(["a", "b"], due.Select(delivery => delivery.Event.StoreId));
        Assert.Equal(["b"], whileOneInFlight.Select(delivery => delivery.Event.StoreId));
    }

    [Fact]
    public void While_the_most_attempts_are_in_flight_the_next_round_waits_until_one_is_taken_as_lost()
    {
        var outbox = Outbox(concurrent: 2);
        outbox.Enqueue([Event(StoreEventKinds.Down, "a"), Event(StoreEventKinds.Down, "b"), Event(StoreEventKinds.Down, "c")], T0);
        var sent = outbox.TakeDue(T0, NoneInFlight);
        var limit = Duration.FromSeconds(40);

        var bothInFlight = outbox.NextRound(new Dictionary<string, Instant> { [sent[0].Event.Id] = T0, [sent[1].Event.Id] = T0 + Duration.FromSeconds(1) }, limit);
        var oneInFlight = outbox.NextRound(new Dictionary<string, Instant> { [sent[1].Event.Id] = T0 + Duration.FromSeconds(1) }, limit);

        // "c" is due at T0 but may not start beside two in flight: the round waits for the first attempt's outcome, at most until it is taken as lost.
        Assert.Equal(T0 + limit, bothInFlight);
        Assert.Equal(T0, oneInFlight);
    }

    [Fact]
    public void After_a_failure_the_endpoint_waits_for_the_retry_then_sends_one_at_a_time_until_a_success()
    {
        var outbox = Outbox();
        var a = Event(StoreEventKinds.Down, "a");
        var b = Event(StoreEventKinds.Down, "b");
        outbox.Enqueue([a, b], T0);

        // 10:00:00 both fail: each is due again at 10:00:05 (the first wait), and so is the endpoint.
        outbox.Record([Failed(a, 1, T0), Failed(b, 1, T0)], T0);
        var paused = outbox.TakeDue(T0 + Duration.FromSeconds(4), NoneInFlight);
        var probe = outbox.TakeDue(T0 + Duration.FromSeconds(5), NoneInFlight);

        Assert.Equal(1, _state.Health.ConsecutiveFailures);
        Assert.Equal(T0 + Duration.FromSeconds(5), _state.Health.PausedUntil);
        Assert.Equal(T0 + Duration.FromSeconds(5), outbox.NextDue(NoneInFlight));
        Assert.Empty(paused);
        Assert.Single(probe);

        // 10:00:05 the probe succeeds: the endpoint is healthy, the rest go at once, several at a time.
        outbox.Record([Delivered(probe[0].Event, 2, T0 + Duration.FromSeconds(5))], T0 + Duration.FromSeconds(5));
        Assert.Equal(0, _state.Health.ConsecutiveFailures);
        Assert.Null(_state.Health.PausedUntil);
        Assert.Single(outbox.TakeDue(T0 + Duration.FromSeconds(5), NoneInFlight));
        Assert.Equal(1, _state.Health.Delivered);
    }

    [Fact]
    public void A_delivery_is_given_up_after_its_last_attempt_and_counted()
    {
        var outbox = Outbox(disableAfter: 10);
        var a = Event(StoreEventKinds.Down, "a");
        outbox.Enqueue([a], T0);

        // Attempts at 10:00:00, 10:00:05, 10:01:05 and 11:01:05: three waits, four attempts.
        Instant[] times = [T0, T0 + Duration.FromSeconds(5), T0 + Duration.FromSeconds(65), T0 + Duration.FromSeconds(3665)];
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(times[attempt - 1], outbox.NextDue(NoneInFlight));
            outbox.Record([Failed(a, attempt, times[attempt - 1])], times[attempt - 1]);
        }

        Assert.Equal([T0 + Duration.FromSeconds(5), T0 + Duration.FromSeconds(65), T0 + Duration.FromSeconds(3665), (Instant?)null], _state.History.Select(entry => entry.NextAttemptAt));
        Assert.Equal(["retrying", "retrying", "retrying", "gave_up"], _state.History.Select(entry => entry.Outcome));
        Assert.Empty(Pending);
        Assert.Equal(1, _state.Health.Abandoned);
        Assert.True(_state.Health.Enabled);
    }

    [Fact]
    public void Failed_rounds_in_a_row_disable_the_subscription_and_attempts_sent_together_count_once()
    {
        var outbox = Outbox(disableAfter: 2);
        var a = Event(StoreEventKinds.Down, "a");
        var b = Event(StoreEventKinds.Down, "b");
        outbox.Enqueue([a, b], T0);

        var disabledFirst = outbox.Record([Failed(a, 1, T0), Failed(b, 1, T0)], T0);
        var disabledSecond = outbox.Record([Failed(a, 2, T0 + Duration.FromSeconds(5))], T0 + Duration.FromSeconds(5));

        Assert.False(disabledFirst);
        Assert.True(disabledSecond);
        Assert.Equal("2 failed attempts in a row; the last: HTTP 500", _state.Health.DisabledReason);
        Assert.Equal(T0 + Duration.FromSeconds(5), _state.Health.DisabledAt);
        Assert.Equal("disabled", _state.History[^1].Outcome);
        Assert.Null(outbox.NextDue(NoneInFlight));
        Assert.Empty(outbox.TakeDue(T0 + Duration.FromDays(1), NoneInFlight));
        Assert.Equal((0, 0), outbox.Enqueue([Event(StoreEventKinds.Up, "a")], T0 + Duration.FromDays(1)));
    }

    [Fact]
    public void A_410_disables_at_once()
    {
        var outbox = Outbox();
        var a = Event(StoreEventKinds.Down, "a");
        outbox.Enqueue([a], T0);

        Assert.True(outbox.Record([Result(a, 1, T0, 410)], T0));
        Assert.StartsWith("the receiver answered 410 Gone", _state.Health.DisabledReason, StringComparison.Ordinal);
        Assert.Equal("gone", _state.History.Single().Outcome);
    }

    [Fact]
    public void A_Retry_After_longer_than_the_schedule_is_honoured_and_a_shorter_one_is_not()
    {
        var outbox = Outbox();
        var a = Event(StoreEventKinds.Down, "a");
        var b = Event(StoreEventKinds.Down, "b");
        outbox.Enqueue([a, b], T0);

        outbox.Record([Result(a, 1, T0, 429, Duration.FromMinutes(2)), Result(b, 1, T0, 503, Duration.FromSeconds(1))], T0);

        Assert.Equal(T0 + Duration.FromMinutes(2), Pending[0].NextAttemptAt);
        Assert.Equal(T0 + Duration.FromSeconds(5), Pending[1].NextAttemptAt);
        Assert.Equal(T0 + Duration.FromSeconds(5), _state.Health.PausedUntil);
    }

    [Fact]
    public void The_history_keeps_the_latest_attempts()
    {
        var outbox = Outbox(history: 2);
        var events = Enumerable.Range(1, 3).Select(minute => Event(StoreEventKinds.Down, $"s{minute}")).ToArray();
        outbox.Enqueue(events, T0);

        outbox.Record([.. events.Select(e => Delivered(e, 1, T0))], T0);

        Assert.Equal(["s2", "s3"], _state.History.Select(entry => entry.StoreId));
        Assert.Equal(["s3", "s2"], outbox.Deliveries(10)!.Attempts.Select(entry => entry.StoreId));
    }

    private static WebhookAttemptResult Failed(StoreEvent storeEvent, int attempt, Instant at) => Result(storeEvent, attempt, at, 500);

    private static WebhookAttemptResult Delivered(StoreEvent storeEvent, int attempt, Instant at) => Result(storeEvent, attempt, at, 200);

    private static WebhookAttemptResult Result(StoreEvent storeEvent, int attempt, Instant at, int status, Duration? retryAfter = null) =>
        new(storeEvent.Id, storeEvent.Kind, storeEvent.StoreId, attempt, at, status, status is >= 200 and < 300 ? null : $"HTTP {status}", retryAfter, 3);
}
