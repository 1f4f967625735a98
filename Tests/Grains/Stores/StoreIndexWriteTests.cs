using NodaTime;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Stores;

/// <summary>
/// A store index partition shows only what it has stored: while a registration or removal is being written the
/// partition answers as before it, a refused write takes nothing back from a reader, and a retry writes it.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class StoreIndexWriteTests : IAsyncLifetime
{
    // A partition no other test class's silo writes to during these tests (the fault plans are process-wide).
    private const int Partition = 61;
    private static readonly long Monday = Instant.FromUtc(2023, 1, 23, 12, 0).ToUnixTimeTicks();
    private static readonly long Tuesday = Instant.FromUtc(2023, 1, 24, 12, 0).ToUnixTimeTicks();

    private readonly TempDirectory _directory = new();
    private StoreMonitorCluster _cluster = null!;

    private string DatabasePath => _directory.File("grains.db");

    private IStoreIndexGrain Index => _cluster.Grains.GetGrain<IStoreIndexGrain>(Partition);

    /// <summary>The partition's grain key as the storage sees it.</summary>
    private string IndexKey => Index.GetGrainId().Key.ToString()!;

    public async Task InitializeAsync() =>
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: FaultInjectingGrainStorage.Install);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_registration_being_written_is_not_shown_and_a_refused_one_is_not_shown_after_it_either()
    {
        await Index.Register([new StoreRegistration("kept", Monday)]);
        var hold = FaultInjectingGrainStorage.HoldWrites(IndexKey, IsIndex);
        FaultInjectingGrainStorage.FailWrites(IndexKey, count: 1, when: IsIndex);
        var registering = Index.Register([new StoreRegistration("refused", Tuesday)]);
        PartitionOverview whileWriting;
        string[] listedWhileWriting;
        try
        {
            await hold.Entered;
            whileWriting = await Index.GetOverview();
            listedWhileWriting = (await Index.ListStorePage(null, null, 10, 10)).StoreIds;
        }
        finally
        {
            hold.Release();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => registering);
        var afterRefusal = await Index.GetOverview();
        var listedAfterRefusal = (await Index.ListStorePage(null, null, 10, 10)).StoreIds;
        var (storedCount, storedLatest, storedIds) = await RestartAndReadAsync();
        await Index.Register([new StoreRegistration("refused", Tuesday)]);
        var listedAfterRetry = (await Index.ListStorePage(null, null, 10, 10)).StoreIds;

        Assert.Equal((1, Instant.FromUnixTimeTicks(Monday)), (whileWriting.StoreCount, whileWriting.LatestPoll));
        Assert.Equal(["kept"], listedWhileWriting);
        Assert.Equal((1, Instant.FromUnixTimeTicks(Monday)), (afterRefusal.StoreCount, afterRefusal.LatestPoll));
        Assert.Equal(["kept"], listedAfterRefusal);
        Assert.Equal((afterRefusal.StoreCount, afterRefusal.LatestPoll), (storedCount, storedLatest));
        Assert.Equal(listedAfterRefusal, storedIds);
        Assert.Equal(["kept", "refused"], listedAfterRetry);
    }

    [Fact]
    public async Task A_removal_being_written_is_not_shown_and_a_refused_one_keeps_the_store()
    {
        await Index.Register([new StoreRegistration("stays", Monday), new StoreRegistration("leaving", Tuesday)]);
        var hold = FaultInjectingGrainStorage.HoldWrites(IndexKey, IsIndex);
        FaultInjectingGrainStorage.FailWrites(IndexKey, count: 1, when: IsIndex);
        var removing = Index.Unregister("leaving", latestPollUnixTicks: Tuesday);
        PartitionOverview whileWriting;
        string[] listedWhileWriting;
        try
        {
            await hold.Entered;
            whileWriting = await Index.GetOverview();
            listedWhileWriting = (await Index.ListStorePage(null, null, 10, 10)).StoreIds;
        }
        finally
        {
            hold.Release();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => removing);
        var listedAfterRefusal = (await Index.ListStorePage(null, null, 10, 10)).StoreIds;
        var (storedCount, storedLatest, storedIds) = await RestartAndReadAsync();
        var removedOnRetry = await Index.Unregister("leaving", latestPollUnixTicks: Tuesday);
        var listedAfterRetry = (await Index.ListStorePage(null, null, 10, 10)).StoreIds;

        Assert.Equal((2, Instant.FromUnixTimeTicks(Tuesday)), (whileWriting.StoreCount, whileWriting.LatestPoll));
        Assert.Equal(["leaving", "stays"], listedWhileWriting);
        Assert.Equal(["leaving", "stays"], listedAfterRefusal);
        Assert.Equal((2, Instant.FromUnixTimeTicks(Tuesday)), (storedCount, storedLatest));
        Assert.Equal(listedAfterRefusal, storedIds);
        Assert.True(removedOnRetry);
        Assert.Equal(["stays"], listedAfterRetry);
    }

    private static bool IsIndex(object state) => state is StoreIndexState;

    /// <summary>A new cluster on the same database, storing normally: what the partition holds there.</summary>
    private async Task<(int Count, Instant? Latest, string[] Ids)> RestartAndReadAsync()
    {
        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var overview = await Index.GetOverview();
        return (overview.StoreCount, overview.LatestPoll, (await Index.ListStorePage(null, null, 10, 10)).StoreIds);
    }
}
