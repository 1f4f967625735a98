using StoreMonitor.Bench.Generation;

namespace StoreMonitor.Tests.Bench.Generation;

public sealed class PollLogTests
{
    private const long MicrosPerDay = 86_400_000_000L;

    [Fact]
    public void Reads_back_store_time_and_status_at_the_largest_documented_scale()
    {
        const int stores = 140_000;
        var window = 8 * MicrosPerDay;
        var log = new PollLog(stores, windowStartUnixMicros: 1_673_979_202_000_000, window, new Random(1), expectedPolls: 4);
        var polls = new (int Store, long Offset, bool Inactive)[]
        {
            (stores - 1, window, true),
            (0, 0, false),
            (70_000, 123_456_789, true),
            (12, window - 1, false),
        };
        foreach (var (store, offset, inactive) in polls)
        {
            log.Add(store, offset, inactive);
        }

        log.Sort();
        var read = Enumerable.Range(0, log.Count).Select(i =>
        {
            log.Read(i, out var store, out var offset, out var inactive);
            return (store, offset, inactive);
        });

        Assert.Equal(polls.Order(), read.Order());
    }

    [Fact]
    public void Polls_of_one_clock_hour_are_written_together_in_time_order()
    {
        var log = new PollLog(10, windowStartUnixMicros: 0, 3 * 3_600_000_000L, new Random(3), expectedPolls: 8);
        long[] offsets = [3_600_000_005, 5, 7_200_000_001, 3_600_000_001, 1, 7_200_000_009];
        foreach (var offset in offsets)
        {
            log.Add(1, offset, inactive: false);
        }

        log.Sort();
        var hours = Enumerable.Range(0, log.Count).Select(i =>
        {
            log.Read(i, out _, out var offset, out _);
            return offset;
        }).Chunk(2).ToList();

        Assert.All(hours, pair => Assert.Equal(pair[0] / 3_600_000_000L, pair[1] / 3_600_000_000L));
        Assert.All(hours, pair => Assert.True(pair[0] < pair[1]));
    }

    [Fact]
    public void Refuses_more_stores_and_days_than_a_key_can_hold()
    {
        Assert.True(PollLog.CanHold(140_000, 200 * MicrosPerDay));
        Assert.False(PollLog.CanHold(1_000_000, 366 * MicrosPerDay));
    }
}
