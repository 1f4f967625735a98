namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>A subscription asked for: the URL deliveries are POSTed to and the events it wants.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookRequest")]
public sealed record WebhookRequest(
    [property: Id(0)] string Url,
    [property: Id(1)] WebhookFilter Filter);
