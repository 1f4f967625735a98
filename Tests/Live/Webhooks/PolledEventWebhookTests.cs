using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Tests.Support;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>
/// End to end on the real host: a poll pushed to <c>POST /polls</c> that takes a store down in its hours reaches a
/// subscribed receiver on 127.0.0.1 as a signed <c>store.down</c> with the event's stable id, through the store grain, the
/// silo's notifier, the webhook sink and the subscription's queue. Stores open 09:00–17:00 UTC; the clock stands at
/// Monday 2026-06-01 10:05 UTC.
/// </summary>
public sealed class PolledEventWebhookTests : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 10, 5);
    private LiveHost _live = null!;

    public async Task InitializeAsync() => _live = await LiveHost.StartAsync(Now, ["w1"], extraArgs: "--StoreMonitor:Live:Webhooks:AllowLoopbackHttp=true");

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task A_pushed_poll_that_takes_a_store_down_in_its_hours_is_delivered_signed_to_a_subscriber()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await CreateAsync(_live.Host.Client, new { url = receiver.Url.ToString(), events = new[] { StoreEventKinds.Down }, stores = new[] { "w1" } });
        var downAt = Instant.FromUtc(2026, 6, 1, 10, 2);

        await _live.PushAsync(("w1", Instant.FromUtc(2026, 6, 1, 10, 0), "active"), ("w1", downAt, "inactive"));
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30));

        var received = receiver.Received.Single();
        var data = JsonDocument.Parse(received.Body).RootElement.GetProperty("data");
        Assert.True(received.IsSignedWith(secret), $"the signature {received.Signature} does not verify");
        Assert.Equal(StoreEventIds.For(StoreEventKinds.Down, "w1", downAt), received.WebhookId);
        Assert.Equal("w1", data.GetProperty("store_id").GetString());
        Assert.Equal("2026-06-01T10:02:00Z", data.GetProperty("down_since").GetString());
    }
}
