namespace StoreMonitor.Grains.Webhooks;

/// <summary>The connection to a webhook's host was refused before any byte was sent: it resolved to an address not allowed.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
