namespace StoreMonitor.Grains.Webhooks;

/// <summary>Where and how a subscription's deliveries are sent: its URL and the key its signatures are made with.</summary>
public sealed record WebhookTarget(Uri Url, byte[] Key);
