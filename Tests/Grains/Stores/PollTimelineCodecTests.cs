using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Stores;

namespace StoreMonitor.Tests.Grains.Stores;

public sealed class PollTimelineCodecTests
{
    [Fact]
    public void An_empty_timeline_round_trips()
    {
        var decoded = PollTimelineCodec.Decode(PollTimelineCodec.Encode(PollTimeline.Empty));

        Assert.Equal(0, decoded.Count);
    }

    [Fact]
    public void Instants_and_statuses_round_trip_exactly()
    {
        var random = new Random(1);
        var ticks = new long[500];
        var statuses = new PollStatus[500];
        var t = 16_743_000_000_000_000L;
        for (var i = 0; i < ticks.Length; i++)
        {
            t += random.NextInt64(1, 100_000_000_000L);
            ticks[i] = t;
            statuses[i] = random.Next(10) == 0 ? PollStatus.Inactive : PollStatus.Active;
        }

        var decoded = PollTimelineCodec.Decode(PollTimelineCodec.Encode(PollTimeline.FromSorted(ticks, statuses)));

        Assert.Equal(ticks, decoded.UnixTicks.ToArray());
        Assert.Equal(statuses, decoded.Statuses.ToArray());
    }

    [Fact]
    public void Instants_before_1970_round_trip()
    {
        long[] ticks = [-5_000_000_000L, -1, 0, 7];
        PollStatus[] statuses = [PollStatus.Active, PollStatus.Inactive, PollStatus.Active, PollStatus.Inactive];

        var decoded = PollTimelineCodec.Decode(PollTimelineCodec.Encode(PollTimeline.FromSorted(ticks, statuses)));

        Assert.Equal(ticks, decoded.UnixTicks.ToArray());
        Assert.Equal(statuses, decoded.Statuses.ToArray());
    }

    [Fact]
    public void An_hourly_poll_costs_about_six_bytes()
    {
        var ticks = Enumerable.Range(0, 200).Select(hour => 16_743_000_000_000_000L + (hour * 36_000_000_000L) + (hour * 1_234_567L)).ToArray();
        var statuses = Enumerable.Repeat(PollStatus.Active, 200).ToArray();

        var encoded = PollTimelineCodec.Encode(PollTimeline.FromSorted(ticks, statuses));

        Assert.InRange(encoded.Length, 200 * 5, 200 * 6 + 16);
    }
}
