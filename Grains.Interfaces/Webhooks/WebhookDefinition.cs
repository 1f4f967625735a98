using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>A subscription as created (its secret is kept apart, in the subscription grain only).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookDefinition")]
public sealed record WebhookDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] WebhookFilter Filter,
    [property: Id(3)] Instant CreatedAt);
