namespace StoreMonitor.Grains.Webhooks;

/// <summary>The rules a subscription's queue follows, from <see cref="WebhookOptions"/>.</summary>
public sealed record DeliveryPolicy(RetrySchedule Schedule, double Jitter, int DisableAfterFailures, int MaxPending, int History, int MaxConcurrent)
{
    public static DeliveryPolicy From(WebhookOptions options) => new(
        RetrySchedule.From(options), options.RetryJitter, options.DisableAfterFailures, options.MaxPending, options.History, options.MaxConcurrentDeliveries);
}
