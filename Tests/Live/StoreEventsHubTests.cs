using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// The live events hub (<c>/hubs/events</c>) of the real host, with a SignalR client over loopback WebSockets: a poll
/// pushed to <c>POST /polls</c> that takes a store down in its hours reaches the client within a second of the push's
/// 202, in the REST API's JSON; an active poll brings the up. Stores open 09:00-17:00 UTC; the clock stands at Monday
/// 2026-06-01 10:05 UTC.
/// </summary>
public sealed class StoreEventsHubTests : IAsyncLifetime
{
    /// <summary>The promise: known within a second.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 10, 5);
    private LiveHost _live = null!;

    public async Task InitializeAsync() => _live = await LiveHost.StartAsync(Now, ["s1", "s2"]);

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task A_down_poll_in_hours_reaches_a_hub_client_within_a_second_of_the_202_and_an_active_poll_brings_the_up()
    {
        await using var client = await HubListener.ConnectAsync(_live.Host.Client.BaseAddress!);
        // 10:00 active: the store's first poll in hours is up, which is no event.
        await _live.PushAsync(("s1", At(10, 0), "active"));

        await _live.PushAsync(("s1", At(10, 4), "inactive"));
        var downAccepted = Stopwatch.GetTimestamp();
        var down = await client.NextAsync(received => received.StoreId == "s1", LiveHost.Deadline, "s1's first event");
        await _live.PushAsync(("s1", At(10, 5), "active"));
        var upAccepted = Stopwatch.GetTimestamp();
        var up = await client.NextAsync(received => received.StoreId == "s1", LiveHost.Deadline, "s1's second event");

        // Down at 10:04; the midpoint of 10:00 (active) and 10:04 (inactive) is 10:02, so 2 minutes were lost by 10:04.
        Assert.Equal(
            """{"id":"evt_down_17803082400000000_s1","kind":"store.down","store_id":"s1","at":"2026-06-01T10:04:00Z","opened_at":"2026-06-01T09:00:00Z","down_since":"2026-06-01T10:04:00Z","business_minutes_lost_today":2.00,"last_poll_at":"2026-06-01T10:04:00Z"}""",
            down.Event.GetRawText());
        Assert.True(Stopwatch.GetElapsedTime(downAccepted, down.Timestamp) <= Latency, $"the down arrived {Stopwatch.GetElapsedTime(downAccepted, down.Timestamp).TotalMilliseconds:F0} ms after the 202");
        Assert.Equal(("store.up", "2026-06-01T10:05:00Z", "2026-06-01T10:04:00Z"), (up.Kind, up.Event.GetProperty("at").GetString(), up.Event.GetProperty("down_since").GetString()));
        Assert.True(Stopwatch.GetElapsedTime(upAccepted, up.Timestamp) <= Latency, $"the up arrived {Stopwatch.GetElapsedTime(upAccepted, up.Timestamp).TotalMilliseconds:F0} ms after the 202");
    }

    [Fact]
    public async Task Every_connected_client_receives_each_event()
    {
        await using var first = await HubListener.ConnectAsync(_live.Host.Client.BaseAddress!);
        await using var second = await HubListener.ConnectAsync(_live.Host.Client.BaseAddress!);

        await _live.PushAsync(("s2", At(10, 3), "inactive"));
        var toFirst = await first.NextAsync(received => received.StoreId == "s2", LiveHost.Deadline, "the first client");
        var toSecond = await second.NextAsync(received => received.StoreId == "s2", LiveHost.Deadline, "the second client");

        Assert.Equal("evt_down_17803081800000000_s2", toFirst.Event.GetProperty("id").GetString());
        Assert.Equal(toFirst.Event.GetRawText(), toSecond.Event.GetRawText());
    }

    private static Instant At(int hour, int minute) => Instant.FromUtc(2026, 6, 1, hour, minute);
}
