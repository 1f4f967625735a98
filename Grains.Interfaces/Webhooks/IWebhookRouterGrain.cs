using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>
/// The entry point of webhooks (one grain, key <see cref="WebhookRouter.Key"/>): keeps the subscriptions, matches each
/// event against them and hands every match to the subscription's own grain, which queues it durably and delivers it.
/// The router never waits on a receiver: a slow or dead endpoint slows only its own subscription.
/// </summary>
[Alias("StoreMonitor.IWebhookRouterGrain")]
public interface IWebhookRouterGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Queues one delivery per (subscription, matching event); returns once every delivery is stored in its
    /// subscription. Batches interleave, so one slow write does not hold up the next batch.
    /// </summary>
    [Alias("Publish")]
    [AlwaysInterleave]
    Task Publish(StoreEvent[] events);

    /// <summary>A new subscription with its secret, or why the request cannot be one (the URL's rules live in the silo, whose settings deliver).</summary>
    [Alias("Create")]
    Task<WebhookCreation> Create(WebhookRequest request);

    /// <summary>Every subscription with its delivery state, oldest first.</summary>
    [Alias("List")]
    [AlwaysInterleave]
    Task<WebhookStatus[]> List();

    [Alias("Contains")]
    [AlwaysInterleave]
    Task<bool> Contains(string subscriptionId);

    /// <summary>Whether any subscription exists: while none does, stores need derive no events for webhooks.</summary>
    [Alias("HasSubscriptions")]
    [AlwaysInterleave]
    Task<bool> HasSubscriptions();

    /// <summary>Removes the subscription and what it has queued; false when nothing was known of it.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string subscriptionId);

    /// <summary>Re-activates every subscription, so deliveries left pending by a restart resume (called at silo start).</summary>
    [Alias("Wake")]
    Task Wake();
}

public static class WebhookRouter
{
    /// <summary>The router is one grain for the cluster: subscriptions are few, events are handed on, not delivered, here.</summary>
    public const long Key = 0;
}
