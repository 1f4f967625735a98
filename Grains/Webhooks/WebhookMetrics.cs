using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>What webhooks record on the <c>StoreMonitor</c> meter, in the silo that delivers.</summary>
public static class WebhookMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "storemonitor.webhook.attempts", "{attempt}", "Webhook delivery attempts, by outcome (succeeded: a 2xx answer).");

    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "storemonitor.webhook.dropped", "{delivery}", "Pending webhook deliveries dropped because their subscription's queue was full.");

    private static readonly Counter<long> Disabled = Meter.CreateCounter<long>(
        "storemonitor.webhook.disabled", "{subscription}", "Webhook subscriptions disabled (410 Gone, or too many failures in a row).");

    public static void AttemptMade(bool succeeded) => Attempts.Add(1, StoreMonitorMeter.Outcome(succeeded));

    public static void DeliveriesDropped(int count)
    {
        if (count > 0)
        {
            Dropped.Add(count);
        }
    }

    public static void SubscriptionDisabled() => Disabled.Add(1);
}
