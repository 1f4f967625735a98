using System.Collections.Concurrent;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// A dedicated thread that runs queued items in groups: it waits for one, takes as many more as are already queued (up
/// to a bound), and hands them to its group handler together. A silo's SQLite reader and writer each run on one: a
/// statement blocks its thread in SQLite, and the thread pool runs the grains. Disposing runs what is already queued,
/// then stops the thread.
/// </summary>
internal sealed class GroupingThread<T> : IDisposable
{
    private readonly BlockingCollection<T> _pending = new();
    private readonly int _mostPerGroup;
    private readonly Action<List<T>> _runGroup;
    private readonly Action _stopped;
    private readonly Thread _thread;
    private int _disposed;

    /// <param name="name">The thread's name, as diagnostics show it.</param>
    /// <param name="mostPerGroup">The most items one group holds.</param>
    /// <param name="runGroup">Runs one group on the thread; the list is reused once it returns.</param>
    /// <param name="stopped">Runs on the thread once it stops, after the last group.</param>
    public GroupingThread(string name, int mostPerGroup, Action<List<T>> runGroup, Action stopped)
    {
        _mostPerGroup = mostPerGroup;
        _runGroup = runGroup;
        _stopped = stopped;
        _thread = new Thread(RunUntilDisposed) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="item"/>; false once the thread is stopping (nothing was queued).</summary>
    public bool TryAdd(T item)
    {
        try
        {
            _pending.Add(item, CancellationToken.None);
            return true;
        }
        catch (Exception error) when (error is InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Runs what is already queued, then stops the thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _pending.CompleteAdding();
        _thread.Join();
        _pending.Dispose();
    }

    private void RunUntilDisposed()
    {
        var group = new List<T>(_mostPerGroup);
        try
        {
            // False once the queue is disposed and empty: every item accepted before has run.
            while (_pending.TryTake(out var first, Timeout.Infinite))
            {
                group.Add(first);
                while (group.Count < _mostPerGroup && _pending.TryTake(out var next))
                {
                    group.Add(next);
                }

                _runGroup(group);
                group.Clear();
            }
        }
        finally
        {
            _stopped();
        }
    }
}
