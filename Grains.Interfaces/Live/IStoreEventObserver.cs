namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// An API host's receiver of live events (a grain observer: a reference to an object in the host's process). Each host
/// registers one with <see cref="ILiveHostsGrain"/> and renews it every few seconds, since observers are not durable.
/// </summary>
[Alias("StoreMonitor.IStoreEventObserver")]
public interface IStoreEventObserver : IGrainObserver
{
    /// <summary>A batch of events, in the order the silo's notifier took them. One-way: a slow or gone host holds up nobody.</summary>
    [OneWay]
    [Alias("OnEvents")]
    Task OnEvents(StoreEvent[] events);
}
