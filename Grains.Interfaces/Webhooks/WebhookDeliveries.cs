using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>A subscription's latest attempts (newest first) and the first of its pending deliveries (oldest first).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookDeliveries")]
public sealed record WebhookDeliveries(
    [property: Id(0)] WebhookAttempt[] Attempts,
    [property: Id(1)] PendingDeliveryView[] Pending,
    [property: Id(2)] int PendingCount);

/// <summary>A delivery still waiting: the attempts made so far and when the next is due.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.PendingDeliveryView")]
public sealed record PendingDeliveryView(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string StoreId,
    [property: Id(3)] int AttemptsMade,
    [property: Id(4)] Instant NextAttemptAt);
