using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// The router's calls to one subscription, one at a time: events that arrive while a call is in flight wait and go
/// together in the next call (a group commit). An idle subscription gets each batch at once; a busy one gets one
/// call, and so one state write, per write it can do, however many batches the router receives meanwhile. Each
/// caller's task completes when the call that carried its events has (the events are then stored).
/// </summary>
/// <remarks>Used from the router's turns only, which run one at a time: no locks.</remarks>
public sealed class GroupedHandOff(Func<StoreEvent[], Task> send)
{
    private List<StoreEvent>? _waiting;
    private Task _waitingCall = Task.CompletedTask;
    private Task _latest = Task.CompletedTask;

    public Task Add(StoreEvent[] events)
    {
        if (_waiting is not null)
        {
            _waiting.AddRange(events);
            return _waitingCall;
        }

        _waiting = [.. events];
        _waitingCall = SendAfterAsync(_latest);
        _latest = _waitingCall;
        return _waitingCall;
    }

    private async Task SendAfterAsync(Task previous)
    {
        // The previous call's failure is its own callers' to see; this group is sent regardless.
        await Task.WhenAny(previous);
        var events = _waiting!.ToArray();
        _waiting = null;
        await send(events);
    }
}
