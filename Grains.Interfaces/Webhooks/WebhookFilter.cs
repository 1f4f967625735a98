using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>Which events a subscription receives: its kinds, and either some stores, the stores with an id prefix, or every store.</summary>
/// <param name="Kinds">Values of <see cref="StoreEventKinds"/>.</param>
/// <param name="Stores">Null for every store (or those of <paramref name="StorePrefix"/>).</param>
/// <param name="StorePrefix">Null for every store (or those of <paramref name="Stores"/>); never both.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookFilter")]
public sealed record WebhookFilter(
    [property: Id(0)] string[] Kinds,
    [property: Id(1)] string[]? Stores,
    [property: Id(2)] string? StorePrefix)
{
    /// <summary>At most this many store ids, as a report's <c>stores</c>.</summary>
    public const int MaxStores = 10_000;
}
