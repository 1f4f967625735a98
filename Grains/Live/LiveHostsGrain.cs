using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// The API hosts listening to live events, each by its observer, dropped when not renewed within <see cref="Expiry"/>
/// (hosts renew every few seconds). Nothing is stored: observers live as long as their host's process.
/// </summary>
[GrainType(GrainTypeNames.LiveHosts)]
public sealed class LiveHostsGrain(ILogger<LiveHostsGrain> logger) : Grain, ILiveHostsGrain
{
    /// <summary>How long a host that stopped renewing is still sent events: a few of its renewals.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly ObserverManager<string, IStoreEventObserver> _hosts = new(Expiry, logger);

    public Task Register(string hostId, IStoreEventObserver observer)
    {
        _hosts.Subscribe(hostId, observer);
        return Task.CompletedTask;
    }

    public Task Unregister(string hostId)
    {
        _hosts.Unsubscribe(hostId);
        return Task.CompletedTask;
    }

    public Task<IStoreEventObserver[]> GetHosts()
    {
        _hosts.ClearExpired();
        return Task.FromResult(_hosts.Observers.Values.ToArray());
    }
}
