using System.Text.Json;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Tests.Support;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// Deliveries on the real host (Kestrel, embedded silo, SQLite) to a real receiver on 127.0.0.1: signed as Standard
/// Webhooks says (checked by the receiver's own HMAC), retried with the same id, disabled by a 410 or by failures in a
/// row, filtered by kind and store, bounded per subscription. Events are published through the router grain, as the
/// store grains' notifier does.
/// </summary>
/// <remarks>Slow: retries wait out real (if shortened) back-offs of a second each.</remarks>
[Trait("Category", TestCategories.Slow)]
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    private HttpClient Client => _host.Client;

    private IWebhookRouterGrain Router => _host.Grains.GetGrain<IWebhookRouterGrain>(WebhookRouter.Key);

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"),
        "--StoreMonitor:ScanInterval=00:00:00",
        "--StoreMonitor:Live:Webhooks:AllowLoopbackHttp=true",
        // Short waits, no jitter: the schedule is the default's shape, compressed for a test.
        "--StoreMonitor:Live:Webhooks:RetrySchedule=1s,1s,1s",
        "--StoreMonitor:Live:Webhooks:RetryJitter=0",
        "--StoreMonitor:Live:Webhooks:DisableAfterFailures=3",
        "--StoreMonitor:Live:Webhooks:MaxPending=3");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_delivery_carries_the_event_signed_with_the_secret_shown_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateAsync(Client, new { url = receiver.Url.ToString(), events = new[] { StoreEventKinds.Down } });
        var down = Event(StoreEventKinds.Down, "1001");

        await Router.Publish([Event(StoreEventKinds.Up, "1001"), down]);
        await receiver.WaitForAsync(1, Deadline);
        var received = receiver.Received.Single();
        var body = JsonDocument.Parse(received.Body).RootElement;

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.True(received.IsSignedWith(secret), $"the signature {received.Signature} does not verify");
        Assert.False(received.IsSignedWith("whsec_" + Convert.ToBase64String(new byte[32])));
        Assert.Equal(down.Id, received.WebhookId);
        Assert.InRange(long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture),
            received.ReceivedAt.ToUnixTimeSeconds() - 60, received.ReceivedAt.ToUnixTimeSeconds() + 1);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("store.down", body.GetProperty("type").GetString());
        Assert.Equal("2023-01-24T12:00:00Z", body.GetProperty("timestamp").GetString());
        var data = body.GetProperty("data");
        Assert.Equal("1001", data.GetProperty("store_id").GetString());
        Assert.Equal("2023-01-24T12:00:00Z", data.GetProperty("at").GetString());
        Assert.Equal("2023-01-24T09:00:00Z", data.GetProperty("opened_at").GetString());
        Assert.Equal("2023-01-24T12:00:00Z", data.GetProperty("down_since").GetString());
        Assert.Equal(0, data.GetProperty("business_minutes_lost_today").GetDouble());
        Assert.Equal("2023-01-24T12:00:00Z", data.GetProperty("last_poll_at").GetString());
        // Only the kind subscribed to was queued: the up event never was.
        await Waits.UntilAsync(async () => (await StatusAsync(Client, id)).GetProperty("delivered").GetInt64() == 1, Deadline, "the delivery to be recorded");
        var status = await StatusAsync(Client, id);
        Assert.Equal(0, status.GetProperty("pending").GetInt32());
        Assert.DoesNotContain(secret["whsec_".Length..], await Client.GetStringAsync($"/webhooks/{id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], await Client.GetStringAsync("/webhooks"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], await Client.GetStringAsync($"/webhooks/{id}/deliveries"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_webhook_id_until_it_is_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(request => request <= 2 ? 500 : 200);
        var (id, secret) = await CreateAsync(Client, new { url = receiver.Url.ToString() });
        var down = Event(StoreEventKinds.Down, "1002");

        await Router.Publish([down]);
        await receiver.WaitForAsync(3, Deadline);
        await Waits.UntilAsync(async () => (await AttemptsAsync(Client, id)).Length == 3, Deadline, "three attempts to be recorded");
        var attempts = await AttemptsAsync(Client, id);
        var status = await StatusAsync(Client, id);

        Assert.All(receiver.Received, request => Assert.Equal(down.Id, request.WebhookId));
        Assert.All(receiver.Received, request => Assert.True(request.IsSignedWith(secret)));
        Assert.Equal([500, 500, 200], receiver.Received.Select(request => request.AnsweredWith));
        Assert.Equal([1, 2, 3], attempts.Select(attempt => attempt.GetProperty("attempt").GetInt32()));
        Assert.Equal(["retrying", "retrying", "delivered"], attempts.Select(attempt => attempt.GetProperty("outcome").GetString()));
        Assert.Equal([500, 500, 200], attempts.Select(attempt => attempt.GetProperty("status_code").GetInt32()));
        Assert.Equal("HTTP 500", attempts[0].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, attempts[2].GetProperty("next_attempt_at").ValueKind);
        // Each retry waited its scheduled second after the attempt before it.
        Assert.True(receiver.Received[1].ReceivedAt - receiver.Received[0].ReceivedAt >= TimeSpan.FromSeconds(0.9));
        Assert.True(receiver.Received[2].ReceivedAt - receiver.Received[1].ReceivedAt >= TimeSpan.FromSeconds(0.9));
        Assert.Equal("enabled", status.GetProperty("status").GetString());
        Assert.Equal(0, status.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal(1, status.GetProperty("delivered").GetInt64());
        Assert.Equal(0, status.GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task A_410_disables_the_subscription_visibly_and_it_queues_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 410);
        var (id, _) = await CreateAsync(Client, new { url = receiver.Url.ToString() });

        await Router.Publish([Event(StoreEventKinds.Down, "1003")]);
        await Waits.UntilAsync(async () => (await StatusAsync(Client, id)).GetProperty("status").GetString() == "disabled", Deadline, "the subscription to be disabled");
        await Router.Publish([Event(StoreEventKinds.Up, "1003", Noon + NodaTime.Duration.FromMinutes(5))]);
        var status = await StatusAsync(Client, id);
        var listed = JsonDocument.Parse(await Client.GetStringAsync("/webhooks")).RootElement.GetProperty("webhooks").EnumerateArray().Single(webhook => webhook.GetProperty("id").GetString() == id);
        var attempt = (await AttemptsAsync(Client, id)).Single();

        Assert.Contains("410", status.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("disabled_at").ValueKind);
        Assert.Equal("disabled", listed.GetProperty("status").GetString());
        Assert.Equal("gone", attempt.GetProperty("outcome").GetString());
        Assert.Equal(410, attempt.GetProperty("status_code").GetInt32());
        // The event that met the 410 stays visible as pending; the later one was not queued.
        Assert.Equal(1, status.GetProperty("pending").GetInt32());
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Failures_in_a_row_disable_the_subscription_and_each_waited_its_retry_step()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        var (id, _) = await CreateAsync(Client, new { url = receiver.Url.ToString() });

        // Two events: after the first failure the endpoint waits and then tries one at a time, so the three failures
        // in a row take three retry steps, not one burst.
        await Router.Publish([Event(StoreEventKinds.Down, "1004"), Event(StoreEventKinds.Down, "1005")]);
        await Waits.UntilAsync(async () => (await StatusAsync(Client, id)).GetProperty("status").GetString() == "disabled", Deadline, "the subscription to be disabled");
        var status = await StatusAsync(Client, id);
        var attempts = await AttemptsAsync(Client, id);

        Assert.StartsWith("3 failed attempts in a row; the last: HTTP 503", status.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, status.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal("disabled", attempts[^1].GetProperty("outcome").GetString());
        var times = receiver.Received.Select(request => request.ReceivedAt).ToArray();
        Assert.Equal(4, times.Length);
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(1.8), $"the failures came within {times[^1] - times[0]}");
    }

    [Fact]
    public async Task A_429_with_Retry_After_waits_as_long_as_the_receiver_asked()
    {
        await using var receiver = await WebhookReceiver.StartAsync(request => request == 1 ? 429 : 200);
        receiver.RetryAfterSeconds = 3;
        var (id, _) = await CreateAsync(Client, new { url = receiver.Url.ToString() });

        await Router.Publish([Event(StoreEventKinds.Down, "1007")]);
        await receiver.WaitForAsync(2, Deadline);
        await Waits.UntilAsync(async () => (await StatusAsync(Client, id)).GetProperty("delivered").GetInt64() == 1, Deadline, "the delivery to be recorded");
        var first = (await AttemptsAsync(Client, id))[0];

        // The schedule says 1 s; the receiver asked for 3.
        Assert.True(receiver.Received[1].ReceivedAt - receiver.Received[0].ReceivedAt >= TimeSpan.FromSeconds(2.9), $"retried after {receiver.Received[1].ReceivedAt - receiver.Received[0].ReceivedAt}");
        Assert.Equal(429, first.GetProperty("status_code").GetInt32());
        Assert.Equal(
            NodaTime.Text.InstantPattern.ExtendedIso.Parse(first.GetProperty("at").GetString()!).Value + NodaTime.Duration.FromSeconds(3),
            NodaTime.Text.InstantPattern.ExtendedIso.Parse(first.GetProperty("next_attempt_at").GetString()!).Value);
    }

    [Fact]
    public async Task Events_reach_only_the_subscriptions_whose_stores_or_prefix_match()
    {
        // No receiver: only what is queued is looked at.
        var closed = $"http://127.0.0.1:{ApiHost.FreePort()}/hook";
        var (named, _) = await CreateAsync(Client, new { url = closed, stores = new[] { "a", "b" } });
        var (prefixed, _) = await CreateAsync(Client, new { url = closed, store_prefix = "zz" });

        await Router.Publish([Event(StoreEventKinds.Down, "a"), Event(StoreEventKinds.Down, "c"), Event(StoreEventKinds.Down, "zz1"), Event(StoreEventKinds.Silent, "zz2")]);

        Assert.Equal(["a"], await PendingStoresAsync(named));
        Assert.Equal(["zz1", "zz2"], await PendingStoresAsync(prefixed));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_pending_deliveries_and_counts_them()
    {
        var (id, _) = await CreateAsync(Client, new { url = $"http://127.0.0.1:{ApiHost.FreePort()}/hook" });
        var events = Enumerable.Range(1, 5).Select(minute => Event(StoreEventKinds.Down, "1006", Noon + NodaTime.Duration.FromMinutes(minute))).ToArray();

        await Router.Publish(events);
        await Router.Publish([events[4]]);
        var status = await StatusAsync(Client, id);
        var pending = (await DeliveriesAsync(Client, id)).GetProperty("pending").EnumerateArray().Select(item => item.GetProperty("event_id").GetString()).ToArray();

        Assert.Equal(3, status.GetProperty("pending").GetInt32());
        Assert.Equal(2, status.GetProperty("dropped").GetInt64());
        // The newest three stay; publishing one again while it is pending does not queue it twice.
        Assert.Equal(events[2..].Select(storeEvent => storeEvent.Id), pending);
    }

    private async Task<string[]> PendingStoresAsync(string id)
    {
        var deliveries = await DeliveriesAsync(Client, id);
        var attempted = deliveries.GetProperty("attempts").EnumerateArray().Select(attempt => attempt.GetProperty("store_id").GetString()!);
        var waiting = deliveries.GetProperty("pending").EnumerateArray().Select(item => item.GetProperty("store_id").GetString()!);
        return [.. waiting.Concat(attempted).Distinct().Order(StringComparer.Ordinal)];
    }
}
