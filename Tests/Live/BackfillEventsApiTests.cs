using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// A file run that brings a day of history sends only the events within the event horizon (2 h) of the store's newest
/// poll; the history endpoint still derives them all.
/// </summary>
public sealed class BackfillEventsApiTests : IAsyncLifetime
{
    private LiveHost _live = null!;

    // Tuesday 08:00: the store closed at 17:00 on Monday and opens at 09:00, so it is not silent yet.
    public async Task InitializeAsync() => _live = await LiveHost.StartAsync(Instant.FromUtc(2026, 6, 2, 8, 0), ["history"]);

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task A_run_back_filling_a_day_sends_only_the_events_near_the_newest_poll()
    {
        // Monday 09:00-16:00 hourly: down at 10:00, up at 11:00, down at 15:00, up at 16:00. The newest poll is 16:00, so
        // only what happened after 14:00 is live.
        string[] statuses = ["active", "inactive", "active", "active", "active", "active", "inactive", "active"];
        File.WriteAllText(
            Path.Combine(_live.DataDirectory, "store_status_20260601.csv"),
            "store_id,status,timestamp_utc\n" + string.Concat(statuses.Select((status, i) => $"history,{status},2026-06-01 {9 + i:00}:00:00 UTC\n")));

        var started = await _live.Host.Client.PostAsync("/ingestion", content: null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        await _live.Host.WaitForIngestionAsync();
        await _live.MarkAsync("mark-1");
        var sent = await _live.EventsUntilAsync("mark-1");
        var history = await _live.GetJsonAsync("/stores/history/events");

        Assert.Equal([(StoreEventKinds.Down, Monday(15)), (StoreEventKinds.Up, Monday(16))], sent.Select(item => (item.Kind, item.At)));
        Assert.Equal(
            [StoreEventKinds.Up, StoreEventKinds.Down, StoreEventKinds.Up, StoreEventKinds.Down],
            history.GetProperty("events").EnumerateArray().Select(item => item.GetProperty("kind").GetString()));
    }

    private static Instant Monday(int hour) => Instant.FromUtc(2026, 6, 1, hour, 0);
}
