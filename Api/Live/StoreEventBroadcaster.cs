using Microsoft.AspNetCore.SignalR;
using StoreMonitor.Api.Endpoints;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Api.Live;

/// <summary>
/// Sends this host's live feed to every client of <see cref="StoreEventsHub"/>: it reads its own subscription of the
/// <see cref="StoreEventFeed"/> and sends what has gathered as one batch, so a burst (a file run's events, 1,000 pushed
/// polls) costs one message per client, not one per event, and a quiet feed sends each event as soon as it comes.
/// Falling behind loses the oldest events of the subscription (the feed's rule), never holds up the silos.
/// </summary>
internal sealed class StoreEventBroadcaster(StoreEventFeed feed, IHubContext<StoreEventsHub> hub, ILogger<StoreEventBroadcaster> logger) : BackgroundService
{
    /// <summary>The most events in one message: a client parses a batch at once.</summary>
    public const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var subscription = feed.Open();
        var batch = new List<StoreEventView>(MaxBatch);
        try
        {
            while (await subscription.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && subscription.Reader.TryRead(out var next))
                {
                    batch.Add(StoreEventView.From(next));
                }

                await SendAsync(batch.ToArray(), stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SendAsync(StoreEventView[] events, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.All.SendAsync(StoreEventsHub.EventsMethod, events, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // One failed send (a client's connection breaking mid-write) must not end the broadcast for the others.
            logger.LogWarning(error, "Live: {Count} event(s) could not be sent to the hub's clients", events.Length);
        }
    }
}
