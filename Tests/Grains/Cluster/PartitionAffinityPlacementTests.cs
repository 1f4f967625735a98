using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Cluster;

/// <summary>
/// On a cluster, every store lives on the silo of its index partition, and the partitions are spread over all the
/// silos: a report's fan-out from a partition to its stores never leaves the silo, and every silo takes a share.
/// </summary>
public sealed class PartitionAffinityPlacementTests
{
    [Fact]
    public async Task Stores_are_activated_beside_their_partition_and_partitions_cover_every_silo()
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

        Assert.Equal(3, partitionSilos.Values.Distinct().Count());
        Assert.All(partitionSilos.Values.GroupBy(silo => silo), group =>
            Assert.InRange(group.Count(), StoreIndex.PartitionCount / 3, (StoreIndex.PartitionCount / 3) + 1));
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
