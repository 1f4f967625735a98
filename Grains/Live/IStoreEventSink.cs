using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// Where a silo's batches of live events go besides the API hosts: a consumer inside the cluster (webhooks, say) registers
/// one with <see cref="LiveSinkServiceCollectionExtensions.AddStoreEventSink"/>. A sink should return quickly (hand the
/// batch on, e.g. to a grain that queues it): the silo's notifier sends its next batch only after every sink took this one.
/// A silo emits events while a sink listens, even when no API host does.
/// </summary>
public interface IStoreEventSink
{
    Task Publish(StoreEvent[] events);

    /// <summary>Whether the sink wants events now (asked every second): webhooks do only while a subscription exists.</summary>
    Task<bool> IsListening();
}
