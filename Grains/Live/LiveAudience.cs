using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// Who listens to this silo's live events: the API hosts registered with <see cref="ILiveHostsGrain"/> (refreshed every
/// second by <see cref="LiveAudienceWatcher"/>) and the silo's <see cref="IStoreEventSink"/>s. When nobody listens, stores
/// derive no events at all, so a silo without listeners (a benchmark, a cluster without API hosts) pays nothing for them.
/// </summary>
public sealed class LiveAudience(IEnumerable<IStoreEventSink> sinks)
{
    private IStoreEventObserver[] _hosts = [];

    public IReadOnlyList<IStoreEventObserver> Hosts => Volatile.Read(ref _hosts);

    public IReadOnlyList<IStoreEventSink> Sinks { get; } = [.. sinks];

    public bool IsListening => Hosts.Count > 0 || Sinks.Count > 0;

    internal void SetHosts(IStoreEventObserver[] hosts) => Volatile.Write(ref _hosts, hosts);
}
