using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Api.Live;

/// <summary>
/// Registers this host's <see cref="StoreEventObserver"/> with the cluster's <see cref="ILiveHostsGrain"/> and renews it
/// every <see cref="Renewal"/>: the registry lives in memory and forgets a host that stops renewing, so a restarted silo
/// or a moved registry knows this host again within one renewal, and a host that died is forgotten within the expiry.
/// </summary>
internal sealed class LiveFeedRegistration(IGrainFactory grains, StoreEventFeed feed, ILogger<LiveFeedRegistration> logger) : BackgroundService
{
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    /// <summary>Names this process: a restarted host registers as a new one, and the old one's entry expires.</summary>
    private readonly string _hostId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // The registry holds the observer by a reference the runtime keeps weakly: this field keeps the object alive.
    private readonly StoreEventObserver _observer = new(feed);

    private IStoreEventObserver? _reference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<ILiveHostsGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _reference ??= grains.CreateObjectReference<IStoreEventObserver>(_observer);
                await registry.Register(_hostId, _reference);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster may not answer yet (starting, or a silo lost): the next renewal tries again.
                logger.LogDebug(error, "Live: this host could not register for events");
            }

            try
            {
                await Task.Delay(Renewal, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<ILiveHostsGrain>(0).Unregister(_hostId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception error)
        {
            // Stopping: the entry expires on its own.
            logger.LogDebug(error, "Live: this host could not unregister");
        }

        if (_reference is not null)
        {
            grains.DeleteObjectReference<IStoreEventObserver>(_reference);
        }
    }
}
