using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Api.Live;

/// <summary>
/// This API host's live events, fanned out to its subscribers in process (a SignalR hub, a test): every event the silos
/// send reaches every subscription, in order. Each subscription has a bounded queue: a subscriber that falls more than
/// <see cref="SubscriberCapacity"/> events behind loses the oldest (counted in its <see cref="StoreEventSubscription.Dropped"/>
/// and in <c>storemonitor_live_feed_dropped_total</c>), so one slow reader never holds up the others or the host.
/// </summary>
public sealed class StoreEventFeed
{
    public const int SubscriberCapacity = 1024;

    private readonly Lock _gate = new();
    private StoreEventSubscription[] _subscriptions = [];

    public int Subscribers => Volatile.Read(ref _subscriptions).Length;

    /// <summary>A subscription that receives every event from now on, until disposed.</summary>
    public StoreEventSubscription Open()
    {
        var subscription = new StoreEventSubscription(this);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Every event from the first <c>MoveNextAsync</c> on, until <paramref name="cancellationToken"/> ends it.</summary>
    public async IAsyncEnumerable<StoreEvent> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscription = Open();
        await foreach (var item in subscription.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Hands a batch the silos sent to every subscription (never waits).</summary>
    internal void Publish(StoreEvent[] events)
    {
        LiveFeedMetrics.Received(events.Length);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Write(events);
        }
    }

    internal void Close(StoreEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(open => open != subscription)];
        }
    }
}

/// <summary>One subscriber's queue of live events (see <see cref="StoreEventFeed"/>).</summary>
public sealed class StoreEventSubscription : IAsyncDisposable
{
    private readonly StoreEventFeed _feed;
    private readonly Channel<StoreEvent> _channel;
    private long _dropped;

    internal StoreEventSubscription(StoreEventFeed feed)
    {
        _feed = feed;
        _channel = Channel.CreateBounded<StoreEvent>(
            new BoundedChannelOptions(StoreEventFeed.SubscriberCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                LiveFeedMetrics.Dropped(1);
            });
    }

    public ChannelReader<StoreEvent> Reader => _channel.Reader;

    /// <summary>Events this subscriber lost because it fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Write(StoreEvent[] events)
    {
        foreach (var item in events)
        {
            _channel.Writer.TryWrite(item);
        }
    }

    public ValueTask DisposeAsync()
    {
        _feed.Close(this);
        _channel.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
