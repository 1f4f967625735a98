using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>An event waiting to be delivered to one subscription: the attempts made so far and when the next is due.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] StoreEvent Event,
    [property: Id(1)] int AttemptsMade,
    [property: Id(2)] Instant NextAttemptAt,
    [property: Id(3)] Instant QueuedAt);
