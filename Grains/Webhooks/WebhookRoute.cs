using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>A subscription's filter made fast to match: its kinds and stores in hash sets, built once per change.</summary>
public sealed class WebhookRoute(WebhookDefinition definition)
{
    private readonly HashSet<string> _kinds = new(definition.Filter.Kinds, StringComparer.Ordinal);
    private readonly HashSet<string>? _stores = definition.Filter.Stores is { } stores ? new(stores, StringComparer.Ordinal) : null;

    public string SubscriptionId { get; } = definition.Id;

    public bool Matches(StoreEvent storeEvent) =>
        _kinds.Contains(storeEvent.Kind)
        && (_stores is null || _stores.Contains(storeEvent.StoreId))
        && (definition.Filter.StorePrefix is not { } prefix || storeEvent.StoreId.StartsWith(prefix, StringComparison.Ordinal));
}
