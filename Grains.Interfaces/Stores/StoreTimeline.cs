using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>
/// A store's business time in a span, as up/down segments (what a dashboard draws), with the open intervals
/// they cover and the polls in the span up to the evidence time, so a reader can check the segments by eye.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreTimeline")]
public sealed record StoreTimeline(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] Instant From,
    [property: Id(3)] Instant To,
    [property: Id(4)] StatusSegment[] Segments,
    [property: Id(5)] OpenInterval[] OpenHours,
    [property: Id(6)] PollMark[] Polls);
