using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Cluster;

/// <summary>
/// On a cluster, every store and live board lives on the silo of its index partition, and the partitions are spread
/// over all the silos: a report's fan-out from a partition to its stores never leaves the silo, and every silo takes a
/// share. Nothing a silo does at start-up wakes them before the other silos have joined.
/// </summary>
public sealed class PartitionAffinityPlacementTests
{
    [Fact]
    public async Task Stores_and_live_boards_are_activated_beside_their_partition_and_partitions_cover_every_silo()
    {
        using var directory = new TempDirectory();
        using var data = new TempDirectory();
        TestDataset.Write(data.Path, stores: 150, seed: 29);
        await using var cluster = await StoreMonitorCluster.StartAsync(directory.File("grains.db"), silos: 3);
        Assert.Null((await cluster.IngestAsync(data.Path)).Error);
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var partitionSilos = await PartitionSilosAsync(cluster);

        var storeIds = File.ReadLines(data.File("store_status.csv")).Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]).Distinct().ToArray();
        Assert.Equal(150, storeIds.Length);
        foreach (var storeId in storeIds)
        {
            var store = cluster.Grains.GetGrain<IStoreGrain>(storeId);
            var silo = await management.GetActivationAddress(store);
            Assert.True(silo is not null, $"store {storeId} has no activation");
            Assert.Equal(partitionSilos[StoreIndex.PartitionOf(storeId)], silo);
        }

        // Each silo wakes every live board once a run has finished; each is beside its partition all the same.
        for (var partition = 0; partition < StoreIndex.PartitionCount; partition++)
        {
            var board = cluster.Grains.GetGrain<ILiveBoardGrain>(partition);
            SiloAddress? boardSilo = null;
            await Waits.UntilAsync(async () => (boardSilo = await management.GetActivationAddress(board)) is not null, TimeSpan.FromSeconds(30), $"live board {partition} awake");
            Assert.Equal(partitionSilos[partition], boardSilo);
        }

        Assert.Equal(3, partitionSilos.Values.Distinct().Count());
        Assert.All(partitionSilos.Values.GroupBy(silo => silo), group =>
            Assert.InRange(group.Count(), StoreIndex.PartitionCount / 3, (StoreIndex.PartitionCount / 3) + 1));
    }

    [Fact]
    public async Task Stores_new_after_a_silo_joined_are_activated_beside_their_partition_placed_before_it()
    {
        using var directory = new TempDirectory();
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        // The second dataset holds the first one's 150 stores, unchanged, and 150 more.
        TestDataset.Write(first.Path, stores: 150, seed: 29);
        TestDataset.Write(second.Path, stores: 300, seed: 29);
        await using var cluster = await StoreMonitorCluster.StartAsync(directory.File("grains.db"), silos: 2);
        Assert.Null((await cluster.IngestAsync(first.Path)).Error);
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var partitionSilos = await PartitionSilosAsync(cluster);

        // A third silo joins once the partitions are placed over two: the partitions stay where they are.
        await cluster.Cluster.StartAdditionalSiloAsync();
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        await cluster.Cluster.WaitForClusterManifestToStabilizeAsync();
        Assert.Equal(3, (await management.GetHosts(onlyActive: true)).Count);
        Assert.Null((await cluster.IngestAsync(second.Path)).Error);

        var newStores = File.ReadLines(second.File("store_status.csv")).Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)])
            .Except(File.ReadLines(first.File("store_status.csv")).Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]))
            .ToArray();
        Assert.Equal(150, newStores.Length);
        foreach (var storeId in newStores)
        {
            var silo = await management.GetActivationAddress(cluster.Grains.GetGrain<IStoreGrain>(storeId));
            Assert.Equal(partitionSilos[StoreIndex.PartitionOf(storeId)], silo);
        }

        Assert.Equal(2, partitionSilos.Values.Distinct().Count());
    }

    [Fact]
    public async Task A_silo_with_the_start_up_warm_up_wakes_no_index_partition_on_an_empty_database()
    {
        // The first silo of a fresh cluster is alone for a moment: a partition it woke then would be placed on it, and stay.
        using var directory = new TempDirectory();
        await using var cluster = await StoreMonitorCluster.StartAsync(directory.File("grains.db"),
            configure: silo => silo.Services.Configure<StoreMonitorSiloOptions>(options => options.WarmUpReport = true));
        var warmUp = cluster.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>().Single().SiloHost.Services.GetRequiredService<ReportWarmUp>();

        // It has looked for data and found none: from here it waits, looking again every half second.
        await Waits.UntilAsync(() => !warmUp.InFirstLook, TimeSpan.FromSeconds(60), "the warm-up's first look for data");

        var statistics = await cluster.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.DoesNotContain(statistics, statistic =>
            statistic.GrainType.StartsWith("StoreMonitor.Grains.Stores.StoreIndexGrain,", StringComparison.Ordinal) && statistic.ActivationCount > 0);
        Assert.False(warmUp.Finished.IsCompleted, "the warm-up gave up instead of waiting for data");
    }

    /// <summary>Where each index partition is active (activating it, if it is not).</summary>
    private static async Task<Dictionary<int, SiloAddress>> PartitionSilosAsync(StoreMonitorCluster cluster)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var silos = new Dictionary<int, SiloAddress>();
        for (var partition = 0; partition < StoreIndex.PartitionCount; partition++)
        {
            var index = cluster.Grains.GetGrain<IStoreIndexGrain>(partition);
            await index.GetOverview();
            silos[partition] = await management.GetActivationAddress(index)
                ?? throw new InvalidOperationException($"partition {partition} has no activation");
        }

        return silos;
    }
}
