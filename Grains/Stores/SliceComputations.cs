using System.Diagnostics;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// A partition's report slices in flight, so a slice asked for again (its caller waited out <c>maxWait</c>, or its
/// answer was lost and the call retried) joins the computation already running instead of starting a second one.
/// Used only from its grain's turns, which run one at a time: it needs no lock.
/// </summary>
internal sealed class SliceComputations
{
    // A finished slice whose caller never came back (its report moved to another silo) is forgotten after this.
    private static readonly TimeSpan KeepUnclaimed = TimeSpan.FromMinutes(10);

    private readonly Dictionary<(string Computation, int Slice), (Task<ReportSliceSummary> Task, long Started)> _running = [];

    public async Task<ReportSliceSummary?> AwaitAsync(string computation, int slice, TimeSpan maxWait, Func<Task<ReportSliceSummary>> compute)
    {
        ForgetUnclaimed();
        var key = (computation, slice);
        if (!_running.TryGetValue(key, out var running))
        {
            running = (compute(), Stopwatch.GetTimestamp());
            _running[key] = running;
        }

        if (!running.Task.IsCompleted)
        {
            await Task.WhenAny(running.Task, Task.Delay(maxWait));
            if (!running.Task.IsCompleted)
            {
                return null;
            }
        }

        _running.Remove(key);
        return await running.Task;
    }

    private void ForgetUnclaimed()
    {
        foreach (var (key, running) in _running)
        {
            if (running.Task.IsCompleted && Stopwatch.GetElapsedTime(running.Started) > KeepUnclaimed)
            {
                _running.Remove(key);
            }
        }
    }
}
