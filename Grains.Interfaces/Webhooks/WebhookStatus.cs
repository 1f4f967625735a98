using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>A subscription as <c>GET /webhooks</c> shows it: what it is, how its deliveries go, what waits.</summary>
/// <param name="NextAttemptAt">When the next delivery is due; null when nothing is pending (or the subscription is disabled).</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookStatus")]
public sealed record WebhookStatus(
    [property: Id(0)] WebhookDefinition Definition,
    [property: Id(1)] WebhookHealth Health,
    [property: Id(2)] int Pending,
    [property: Id(3)] Instant? NextAttemptAt);
