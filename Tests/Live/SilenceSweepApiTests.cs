using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// Silence found by the partitions' sweeps with no new poll, on a clock the test moves (no real two-hour waits): sent live
/// when it began within the event horizon of now, only on the board when older, and not sent twice.
/// </summary>
public sealed class SilenceSweepApiTests : IAsyncLifetime
{
    private LiveHost _live = null!;

    public async Task InitializeAsync() => _live = await LiveHost.StartAsync(At(10, 5), ["quiet", "long-quiet"]);

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task The_sweep_finds_a_silence_without_new_polls_and_sends_it_once()
    {
        // quiet: last poll 10:00, silent from 12:00. long-quiet: last poll 09:00, silent from 11:00. At 13:05 the horizon
        // (2 h) reaches back to 11:05: the first silence is sent, the second only shows on the board.
        await _live.PushAsync(("quiet", At(10, 0), "active"), ("long-quiet", At(9, 0), "active"));
        _live.Clock.Advance(Duration.FromHours(3));
        using var deadline = new CancellationTokenSource(LiveHost.Deadline);
        var silence = await _live.Feed.Reader.ReadAsync(deadline.Token);

        await _live.MarkAsync("mark-1");
        var more = await _live.EventsUntilAsync("mark-1");
        var board = await _live.GetJsonAsync("/stores/down");

        Assert.Equal(new StoreEvent(StoreEventIds.For(StoreEventKinds.Silent, "quiet", At(12, 0)), StoreEventKinds.Silent, "quiet", At(12, 0), At(9, 0), At(10, 0), 0, At(10, 0)), silence);
        Assert.Empty(more);
        Assert.Equal(
            [("long-quiet", "silent", "2026-06-01T11:00:00Z"), ("quiet", "silent", "2026-06-01T12:00:00Z")],
            board.GetProperty("stores").EnumerateArray()
                .Where(store => store.GetProperty("store_id").GetString()!.Contains("quiet", StringComparison.Ordinal))
                .Select(store => (store.GetProperty("store_id").GetString(), store.GetProperty("state").GetString(), store.GetProperty("since").GetString()))
                .OrderBy(store => store.Item1, StringComparer.Ordinal));

        // A poll at last: up, the spell began at the last poll before the silence; the silence is not sent again.
        await _live.PushAsync(("quiet", At(13, 10), "active"));
        await _live.MarkAsync("mark-2");
        var up = Assert.Single(await _live.EventsUntilAsync("mark-2"));
        Assert.Equal((StoreEventKinds.Up, At(13, 10), (Instant?)At(10, 0)), (up.Kind, up.At, up.DownSince));
    }

    private static Instant At(int hour, int minute) => Instant.FromUtc(2026, 6, 1, hour, minute);
}
