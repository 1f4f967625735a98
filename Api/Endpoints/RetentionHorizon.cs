using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Stores keep only the polls that reports inside the retention horizon need (<c>StoreMonitor:RetentionDays</c>
/// before the latest poll), so an earlier <c>as_of</c> cannot be answered exactly and is refused.
/// </summary>
internal static class RetentionHorizon
{
    /// <summary>Why <paramref name="asOf"/> cannot be answered, or null when it can.</summary>
    public static async Task<string?> CheckAsync(Instant asOf, IGrainFactory grains, StoreMonitorSiloOptions options)
    {
        if (options.RetentionDays <= 0)
        {
            return null;
        }

        var overviews = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        if (overviews.Max(overview => overview.LatestPoll) is not { } latest)
        {
            return null;
        }

        var earliest = PollRetention.EarliestAsOf(latest, Duration.FromDays(options.RetentionDays));
        return asOf < earliest
            ? $"as_of {IsoInstant.Format(asOf)} is older than the retention horizon: stores keep the polls of the {options.RetentionDays} days before the latest poll ({IsoInstant.Format(latest)}), so the earliest as_of is {IsoInstant.Format(earliest)} (StoreMonitor:RetentionDays)."
            : null;
    }
}
