using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Webhooks;
using StoreMonitor.Tests.Support;
using static StoreMonitor.Tests.Live.Webhooks.WebhookCalls;

namespace StoreMonitor.Tests.Live.Webhooks;

public sealed class GroupedHandOffTests
{
    private readonly List<(string[] StoreIds, TaskCompletionSource Call)> _sent = [];

    [Fact]
    public async Task Batches_that_arrive_while_a_call_is_in_flight_go_together_in_the_next_call()
    {
        var handOff = new GroupedHandOff(Send);

        var first = handOff.Add([Event(StoreEventKinds.Down, "a")]);
        var second = handOff.Add([Event(StoreEventKinds.Down, "b")]);
        var third = handOff.Add([Event(StoreEventKinds.Down, "c"), Event(StoreEventKinds.Up, "d")]);
        Assert.Equal([["a"]], _sent.Select(call => call.StoreIds));
        Assert.Same(second, third);

        _sent[0].Call.SetResult();
        await first;
        await Waits.UntilAsync(() => _sent.Count == 2, TimeSpan.FromSeconds(10), "the second call");
        Assert.Equal(["b", "c", "d"], _sent[1].StoreIds);
        Assert.False(second.IsCompleted);

        _sent[1].Call.SetResult();
        await second;
    }

    [Fact]
    public async Task A_failed_call_fails_its_own_callers_and_the_next_group_is_still_sent()
    {
        var handOff = new GroupedHandOff(Send);

        var first = handOff.Add([Event(StoreEventKinds.Down, "a")]);
        var second = handOff.Add([Event(StoreEventKinds.Down, "b")]);
        _sent[0].Call.SetException(new TimeoutException("storage"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Waits.UntilAsync(() => _sent.Count == 2, TimeSpan.FromSeconds(10), "the second call");
        _sent[1].Call.SetResult();
        await second;
        Assert.Equal(["b"], _sent[1].StoreIds);
    }

    private Task Send(StoreEvent[] events)
    {
        var call = new TaskCompletionSource();
        _sent.Add(([.. events.Select(e => e.StoreId)], call));
        return call.Task;
    }
}
