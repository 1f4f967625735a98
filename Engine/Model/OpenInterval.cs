using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>A stretch <c>[Start, End)</c> during which a store is open by its business hours.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.OpenInterval")]
public readonly record struct OpenInterval(
    [property: Id(0)] Instant Start,
    [property: Id(1)] Instant End);
