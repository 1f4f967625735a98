namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// The API hosts listening to live events (key 0): each host's <see cref="IStoreEventObserver"/>, kept while the host
/// renews it. In memory only: after the grain moves or its silo restarts, the hosts' next renewals rebuild it.
/// </summary>
[Alias("StoreMonitor.ILiveHostsGrain")]
public interface ILiveHostsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or renews <paramref name="hostId"/>'s observer; a host not renewed within the expiry is dropped.</summary>
    [Alias("Register")]
    Task Register(string hostId, IStoreEventObserver observer);

    [Alias("Unregister")]
    Task Unregister(string hostId);

    /// <summary>The observers of the hosts listening now.</summary>
    [AlwaysInterleave]
    [Alias("GetHosts")]
    Task<IStoreEventObserver[]> GetHosts();
}
