using Orleans.Storage;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Tests.Grains.Storage;

/// <summary>SQLite takes one writer at a time: the silo queues its writes itself, and lets reads run beside them.</summary>
public sealed class SerializedWritesGrainStorageTests
{
    [Fact]
    public async Task Writes_and_clears_run_one_at_a_time_while_reads_overlap_them()
    {
        var inner = new OverlapRecorder();
        var storage = new SerializedWritesGrainStorage(inner);
        var grain = GrainId.Create("store", "a");
        var state = new GrainState<string>("x");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 4) switch
        {
            0 => storage.ClearStateAsync("s", grain, state),
            1 => storage.ReadStateAsync("s", grain, state),
            _ => storage.WriteStateAsync("s", grain, state),
        }));

        Assert.Equal(30, inner.Writes);
        Assert.Equal(1, inner.MostWritesAtOnce);
        Assert.True(inner.ReadsBesideAWrite > 0, "no read ran while a write was in progress");
    }

    [Fact]
    public async Task A_failed_write_frees_the_queue_for_the_next()
    {
        var inner = new OverlapRecorder { FailNextWrite = true };
        var storage = new SerializedWritesGrainStorage(inner);
        var grain = GrainId.Create("store", "a");
        var state = new GrainState<string>("x");

        await Assert.ThrowsAsync<IOException>(() => storage.WriteStateAsync("s", grain, state));
        await storage.WriteStateAsync("s", grain, state).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, inner.Writes);
    }

    /// <summary>An inner storage that takes a little time per call and records how calls overlapped.</summary>
    private sealed class OverlapRecorder : IGrainStorage
    {
        private int _writing;
        private int _writes;
        private int _mostWrites;
        private int _readsBesideAWrite;

        public bool FailNextWrite { get; set; }

        public int Writes => _writes;

        public int MostWritesAtOnce => _mostWrites;

        public int ReadsBesideAWrite => _readsBesideAWrite;

        public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Volatile.Read(ref _writing) > 0)
            {
                Interlocked.Increment(ref _readsBesideAWrite);
            }

            await Task.Delay(5);
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteAsync();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteAsync();

        private async Task WriteAsync()
        {
            var now = Interlocked.Increment(ref _writing);
            InterlockedMax(ref _mostWrites, now);
            Interlocked.Increment(ref _writes);
            try
            {
                await Task.Delay(5);
                if (FailNextWrite)
                {
                    FailNextWrite = false;
                    throw new IOException("refused");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _writing);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, current) == current)
                {
                    return;
                }
            }
        }
    }
}
