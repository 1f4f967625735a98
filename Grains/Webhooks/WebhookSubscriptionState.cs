using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>A subscription's stored state: what it is, its secret, its queue (oldest first), its recent attempts (oldest first), its health.</summary>
[GenerateSerializer, Alias("StoreMonitor.WebhookSubscriptionState")]
public sealed class WebhookSubscriptionState
{
    /// <summary>Null until created, and again once deleted.</summary>
    [Id(0)] public WebhookDefinition? Definition { get; set; }

    [Id(1)] public string Secret { get; set; } = "";

    [Id(2)] public List<PendingDelivery> Pending { get; set; } = [];

    [Id(3)] public List<WebhookAttempt> History { get; set; } = [];

    [Id(4)] public WebhookHealth Health { get; set; } = WebhookHealth.New;
}
