using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>A stretch of business time <c>[Start, End)</c> with one extrapolated status.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StatusSegment")]
public readonly record struct StatusSegment(
    [property: Id(0)] Instant Start,
    [property: Id(1)] Instant End,
    [property: Id(2)] PollStatus Status);
