using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// What a store holds, as one comparable line: <see cref="StoreSummary"/> is a record, but its hours are an array,
/// which a record compares by reference.
/// </summary>
public static class StoreStates
{
    public static async Task<string> OfAsync(IGrainFactory grains, string storeId) =>
        Describe(await grains.GetGrain<IStoreGrain>(storeId).GetSummary());

    public static string Describe(StoreSummary store) =>
        $"{store.StoreId}: polls {store.PollCount} from {store.FirstPoll} to {store.LatestPoll}, zone '{store.ZoneId}' " +
        $"(computed in {store.EffectiveZoneId}, warning '{store.ZoneWarning}'), hours [{string.Join("; ", store.Hours)}], special hours [{string.Join("; ", store.SpecialHours)}]";

    /// <summary>Every store of <paramref name="storeIds"/> as each cluster holds it, in id order.</summary>
    public static async Task<string[]> OfAllAsync(IGrainFactory grains, IEnumerable<string> storeIds)
    {
        var ordered = storeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return await Task.WhenAll(ordered.Select(id => OfAsync(grains, id)));
    }
}
