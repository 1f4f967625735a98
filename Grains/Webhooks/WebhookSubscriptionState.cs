using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// A subscription's stored state: what it is, its secret, where its queue is stored (oldest first), its recent attempts
/// (oldest first), its health. The queue itself is stored in pieces of its own (<see cref="PendingQueue"/>).
/// </summary>
[GenerateSerializer, Alias("StoreMonitor.WebhookSubscriptionState")]
public sealed class WebhookSubscriptionState
{
    /// <summary>Null until created, and again once deleted.</summary>
    [Id(0)] public WebhookDefinition? Definition { get; set; }

    [Id(1)] public string Secret { get; set; } = "";

    /// <summary>
    /// The queue as states stored before it had pieces of its own held it: moved into pieces when such a state is
    /// activated, and empty after.
    /// </summary>
    [Id(2)] public List<PendingDelivery> Pending { get; set; } = [];

    [Id(3)] public List<WebhookAttempt> History { get; set; } = [];

    [Id(4)] public WebhookHealth Health { get; set; } = WebhookHealth.New;

    /// <summary>The slots holding the queue's pieces, in queue order.</summary>
    [Id(5)] public List<int> QueueSlots { get; set; } = [];

    /// <summary>How many slots the queue has ever used (0 to this − 1): what deleting the subscription clears.</summary>
    [Id(6)] public int QueueSlotCount { get; set; }
}
