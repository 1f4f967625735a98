using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// A silo's batching notifier (as the Orleans GPSTracker sample's push notifier): stores hand it their events one-way,
/// it waits a few milliseconds for more to gather, then sends them in batches of at most <see cref="MaxBatch"/> to every
/// listening host (one-way: a gone host holds up nobody; the registry forgets it) and to every sink. Events that arrive
/// while a batch is sent go in the next. One activation per silo, so a delivery batch of stores becomes a few messages.
/// </summary>
[GrainType(GrainTypeNames.LiveNotifier)]
[StatelessWorker(1)]
[Reentrant]
public sealed class LiveNotifierGrain(LiveAudience audience, ILogger<LiveNotifierGrain> logger) : Grain, ILiveNotifierGrain
{
    public const int MaxBatch = 100;

    /// <summary>How long the first event of a batch waits for others: a delivery batch's stores answer within it.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(15);

    /// <summary>Events waiting at most; past it the oldest are dropped (counted), so a stuck sink cannot exhaust memory.</summary>
    public const int MaxQueued = 100_000;

    private readonly Queue<StoreEvent> _queue = new();
    private Task _flush = Task.CompletedTask;

    public Task Publish(StoreEvent[] events)
    {
        foreach (var item in events)
        {
            if (_queue.Count >= MaxQueued)
            {
                _queue.Dequeue();
                LiveMetrics.EventsDropped(1);
            }

            _queue.Enqueue(item);
        }

        if (_flush.IsCompleted)
        {
            _flush = FlushAsync();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _flush;
        await SendQueuedAsync();
    }

    private async Task FlushAsync()
    {
        // Turns of this activation run one at a time, so the queue needs no lock; awaits resume on the activation.
        await Task.Delay(Gather);
        await SendQueuedAsync();
    }

    private async Task SendQueuedAsync()
    {
        while (_queue.Count > 0)
        {
            var batch = new StoreEvent[Math.Min(_queue.Count, MaxBatch)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = _queue.Dequeue();
            }

            foreach (var host in audience.Hosts)
            {
                try
                {
                    await host.OnEvents(batch);
                }
                catch (Exception error)
                {
                    LiveMetrics.EventsDropped(batch.Length);
                    logger.LogDebug(error, "Live: a batch of {Count} events could not be sent to a host", batch.Length);
                }
            }

            foreach (var sink in audience.Sinks)
            {
                try
                {
                    await sink.Publish(batch);
                }
                catch (Exception error)
                {
                    LiveMetrics.EventsDropped(batch.Length);
                    logger.LogWarning(error, "Live: a sink refused a batch of {Count} events", batch.Length);
                }
            }

            LiveMetrics.EventsSent(batch.Length);
        }
    }
}
