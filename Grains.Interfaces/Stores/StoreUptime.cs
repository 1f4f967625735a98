using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>A store's report row before formatting, and a data warning (e.g. unknown zone) if any: what a store grain answers a report.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreUptime")]
public sealed record StoreUptime(
    [property: Id(0)] string StoreId,
    [property: Id(1)] UptimeTotals Totals,
    [property: Id(2)] string? Warning) : IReportRow;
