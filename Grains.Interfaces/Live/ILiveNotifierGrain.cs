namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// A silo's batching notifier (a local stateless worker): stores hand it their events fire-and-forget, and it sends them
/// in batches to every listening API host and to the silo's event sinks.
/// </summary>
[Alias("StoreMonitor.ILiveNotifierGrain")]
public interface ILiveNotifierGrain : IGrainWithIntegerKey
{
    [OneWay]
    [Alias("Publish")]
    Task Publish(StoreEvent[] events);
}
