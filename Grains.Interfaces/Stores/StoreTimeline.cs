using NodaTime;
using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>A store's business time in a span, as up/down segments (what a dashboard draws).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreTimeline")]
public sealed record StoreTimeline(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] Instant From,
    [property: Id(3)] Instant To,
    [property: Id(4)] StatusSegment[] Segments);
