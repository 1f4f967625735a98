using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Api.Live;

/// <summary>The object the silos call on this host (through its grain observer reference): it hands each batch to the feed.</summary>
internal sealed class StoreEventObserver(StoreEventFeed feed) : IStoreEventObserver
{
    public Task OnEvents(StoreEvent[] events)
    {
        feed.Publish(events);
        return Task.CompletedTask;
    }
}
