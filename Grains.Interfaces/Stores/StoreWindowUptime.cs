using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>A store's totals in each window a report asked for, in the order asked, and its data warning if any.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreWindowUptime")]
public sealed record StoreWindowUptime(
    [property: Id(0)] string StoreId,
    [property: Id(1)] WindowTotals[] Totals,
    [property: Id(2)] string? Warning);
