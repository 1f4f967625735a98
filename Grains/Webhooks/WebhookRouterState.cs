using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>The router's stored state: every subscription's definition (never its secret), in order of creation.</summary>
[GenerateSerializer, Alias("StoreMonitor.WebhookRouterState")]
public sealed class WebhookRouterState
{
    [Id(0)] public List<WebhookDefinition> Subscriptions { get; set; } = [];
}
