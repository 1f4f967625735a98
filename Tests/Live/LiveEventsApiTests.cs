using System.Net;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// Polls pushed to the real host become exactly the expected events on its live feed, replays become none, and the board
/// (<c>GET /stores/down</c>) and the history (<c>GET /stores/{id}/events</c>) agree with them. Stores open 09:00-17:00 UTC;
/// the clock stands at Monday 2026-06-01 10:05 UTC. Sentinel stores (no hours: open around the clock) mark the feed.
/// </summary>
public sealed class LiveEventsApiTests : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 10, 5);
    private LiveHost _live = null!;

    public async Task InitializeAsync() => _live = await LiveHost.StartAsync(Now, ["s1", "s2", "late"]);

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task A_down_poll_in_hours_is_one_event_a_replay_is_none_and_an_up_poll_ends_it()
    {
        // 10:00 active, 10:02 inactive: down at 10:02. The midpoint is 10:01, so one minute was lost by 10:02.
        await _live.PushAsync(("s1", At(10, 0), "active"), ("s1", At(10, 2), "inactive"));
        await _live.MarkAsync("mark-1");
        var first = await _live.EventsUntilAsync("mark-1");

        var replay = await _live.PushAsync(("s1", At(10, 0), "active"), ("s1", At(10, 2), "inactive"));
        await _live.MarkAsync("mark-2");
        var afterReplay = await _live.EventsUntilAsync("mark-2");

        var down = Assert.Single(first);
        Assert.Equal(new StoreEvent(StoreEventIds.For(StoreEventKinds.Down, "s1", At(10, 2)), StoreEventKinds.Down, "s1", At(10, 2), At(9, 0), At(10, 2), 1.0, At(10, 2)), down);
        Assert.Equal(2, replay.GetProperty("duplicates").GetInt64());
        Assert.Empty(afterReplay);

        // The board, as of 10:05: down since 10:02, 10:01-10:05 lost (4 minutes).
        var board = await _live.GetJsonAsync("/stores/down");
        var entry = Assert.Single(board.GetProperty("stores").EnumerateArray(), store => store.GetProperty("store_id").GetString() == "s1");
        Assert.Equal("down", entry.GetProperty("state").GetString());
        Assert.Equal("2026-06-01T10:02:00Z", entry.GetProperty("since").GetString());
        Assert.Equal(4.00m, entry.GetProperty("business_minutes_lost_today").GetDecimal());

        await _live.PushAsync(("s1", At(10, 4), "active"));
        await _live.MarkAsync("mark-3");
        var up = Assert.Single(await _live.EventsUntilAsync("mark-3"));
        var boardAfter = await _live.GetJsonAsync("/stores/down");

        Assert.Equal((StoreEventKinds.Up, At(10, 4), (Instant?)At(10, 2)), (up.Kind, up.At, up.DownSince));
        Assert.DoesNotContain(boardAfter.GetProperty("stores").EnumerateArray(), store => store.GetProperty("store_id").GetString() == "s1");

        // The history is derived from the polls: the same events, the same ids, newest first.
        var history = await _live.GetJsonAsync("/stores/s1/events");
        Assert.Equal([up.Id, down.Id], history.GetProperty("events").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal("2026-06-01T09:00:00Z", history.GetProperty("events")[1].GetProperty("opened_at").GetString());
    }

    [Fact]
    public async Task Two_stores_interleaved_in_one_push_each_get_their_own_events()
    {
        await _live.PushAsync(
            ("s2", At(9, 30), "inactive"),
            ("s1", At(9, 31), "active"),
            ("s2", At(9, 40), "active"),
            ("s1", At(9, 41), "inactive"),
            ("s2", At(9, 50), "active"),
            ("s1", At(9, 51), "inactive"));
        await _live.MarkAsync("mark-1");

        var events = await _live.EventsUntilAsync("mark-1");

        Assert.Equal(
            [("s1", StoreEventKinds.Down, At(9, 41))],
            events.Where(item => item.StoreId == "s1").Select(item => (item.StoreId, item.Kind, item.At)));
        Assert.Equal(
            [("s2", StoreEventKinds.Down, At(9, 30)), ("s2", StoreEventKinds.Up, At(9, 40))],
            events.Where(item => item.StoreId == "s2").Select(item => (item.StoreId, item.Kind, item.At)));
    }

    [Fact]
    public async Task A_late_poll_sends_the_event_it_makes_new_and_not_again_the_ones_already_sent()
    {
        await _live.PushAsync(("late", At(10, 0), "active"), ("late", At(10, 3), "inactive"));
        await _live.MarkAsync("mark-1");
        var before = await _live.EventsUntilAsync("mark-1");

        // A poll of 10:01, inactive, arrives late: the down is now at 10:01; 10:03 is no change any more.
        await _live.PushAsync(("late", At(10, 1), "inactive"));
        await _live.MarkAsync("mark-2");
        var after = await _live.EventsUntilAsync("mark-2");

        Assert.Equal([(StoreEventKinds.Down, At(10, 3))], before.Select(item => (item.Kind, item.At)));
        Assert.Equal([(StoreEventKinds.Down, At(10, 1))], after.Select(item => (item.Kind, item.At)));
    }

    [Fact]
    public async Task Limits_and_unknown_stores_are_refused_with_problems()
    {
        var tooMany = await _live.Host.Client.GetAsync("/stores/down?limit=1001");
        var noEvents = await _live.Host.Client.GetAsync("/stores/s1/events?limit=0");
        var unknown = await _live.Host.Client.GetAsync("/stores/nobody/events");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("limit must be between 1 and 1000", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noEvents.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static Instant At(int hour, int minute) => Instant.FromUtc(2026, 6, 1, hour, minute);
}
