using NodaTime;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>R1 for queries outside a report: the latest poll over all stores, as a report without as_of would use.</summary>
internal static class ReportTime
{
    public static async Task<Instant?> LatestPollAsync(IGrainFactory grains)
    {
        var overviews = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        return overviews.Max(overview => overview.LatestPoll);
    }
}
