using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Stores;

/// <summary>With retention (default 30 days) a store's stored state stops growing however long the hourly refreshes go on.</summary>
public sealed class StoreRetentionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_stores_state_stays_bounded_over_90_days_of_hourly_refreshes()
    {
        var store = fixture.Cluster.Grains.GetGrain<IStoreGrain>("hourly-for-90-days");
        var start = Instant.FromUtc(2024, 1, 1, 0, 7);
        var sizes = new Dictionary<int, long>();
        for (var hour = 0; hour < 90 * 24; hour++)
        {
            var at = start + Duration.FromHours(hour) + Duration.FromSeconds(hour % 13);
            await store.Ingest(new StoreUpdate([at.ToUnixTimeTicks()], [hour % 17 == 0 ? PollStatus.Inactive : PollStatus.Active], null, null));
            if ((hour + 1) % (15 * 24) == 0)
            {
                sizes[(hour + 1) / 24] = StoredGrainState.PayloadBytes(fixture.DatabasePath, StateNames.Store, "hourly-for-90-days");
            }
        }

        var summary = await store.GetSummary();

        // 30 days of horizon plus the week a report looks back, hourly, and the two polls kept from before.
        Assert.InRange(summary.PollCount, (37 * 24) - 1, (37 * 24) + 2);
        Assert.Equal(start + Duration.FromHours((90 * 24) - 1) + Duration.FromSeconds(((90 * 24) - 1) % 13), summary.LatestPoll);
        // Growing until the horizon fills (day 37), flat after.
        Assert.True(sizes[15] < sizes[45], $"{sizes[15]} < {sizes[45]}");
        Assert.InRange(sizes[90], sizes[45] - 64, sizes[45] + 64);
        Assert.InRange(sizes[60], sizes[45] - 64, sizes[45] + 64);
    }
}
