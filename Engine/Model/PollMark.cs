using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>One poll as a timeline shows it: when, what it saw, and whether it fell in business hours (evidence).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.PollMark")]
public readonly record struct PollMark(
    [property: Id(0)] Instant At,
    [property: Id(1)] PollStatus Status,
    [property: Id(2)] bool InBusinessHours);
