using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>
/// One webhook subscription, keyed by its id: its URL and secret, its queue of pending deliveries, their attempts and
/// its health, all in grain state, so a pending delivery outlives the process. Deliveries run outside the grain's
/// turns, so queueing never waits on a receiver.
/// </summary>
[Alias("StoreMonitor.IWebhookSubscriptionGrain")]
public interface IWebhookSubscriptionGrain : IGrainWithStringKey
{
    [Alias("Initialize")]
    Task Initialize(WebhookDefinition definition, string secret);

    /// <summary>Queues the events (already matched by the router); an event id already pending is not queued twice.</summary>
    [Alias("Enqueue")]
    Task Enqueue(StoreEvent[] events);

    /// <summary>Null when the subscription does not exist.</summary>
    [Alias("GetStatus")]
    Task<WebhookStatus?> GetStatus();

    /// <summary>The latest attempts, newest first, and the deliveries still pending; null when the subscription does not exist.</summary>
    [Alias("GetDeliveries")]
    Task<WebhookDeliveries?> GetDeliveries();

    /// <summary>Arms the delivery timer if anything is pending; true when something is.</summary>
    [Alias("Wake")]
    Task<bool> Wake();

    /// <summary>The outcome of attempts this grain started (the sender reports back through here, one turn per round).</summary>
    [Alias("RecordAttempts")]
    Task RecordAttempts(WebhookAttemptResult[] results);

    /// <summary>Forgets the subscription; true when it existed.</summary>
    [Alias("Remove")]
    Task<bool> Remove();
}
