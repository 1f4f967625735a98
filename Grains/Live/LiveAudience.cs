using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// Who listens to this silo's live events: the API hosts registered with <see cref="ILiveHostsGrain"/> (refreshed every
/// second by <see cref="LiveAudienceWatcher"/>) and the silo's <see cref="IStoreEventSink"/>s that want events now. When nobody listens, stores
/// derive no events at all, so a silo without listeners (a benchmark, a cluster without API hosts) pays nothing for them.
/// </summary>
public sealed class LiveAudience(IEnumerable<IStoreEventSink> sinks, IGrainFactory grains)
{
    private IStoreEventObserver[] _hosts = [];

    // One reference for every store on the silo: GrainFactory.GetGrain resolves the interface type from its name on
    // every call (Orleans 10.4.2 does not cache it), which was a third of a store's event work while a cluster first
    // ingested 140k stores, each getting its own.
    private ILiveNotifierGrain? _notifier;

    /// <summary>Where the silo's stores send their events.</summary>
    public ILiveNotifierGrain Notifier => _notifier ??= grains.GetGrain<ILiveNotifierGrain>(0);

    public IReadOnlyList<IStoreEventObserver> Hosts => Volatile.Read(ref _hosts);

    public IReadOnlyList<IStoreEventSink> Sinks { get; } = [.. sinks];

    private bool _sinksListening;

    public bool IsListening => Hosts.Count > 0 || Volatile.Read(ref _sinksListening);

    internal void SetHosts(IStoreEventObserver[] hosts) => Volatile.Write(ref _hosts, hosts);

    internal void SetSinksListening(bool listening) => Volatile.Write(ref _sinksListening, listening);
}
