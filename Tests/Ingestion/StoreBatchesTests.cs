using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>Ingestion sends its updates in batches of one partition's stores, each bounded in stores and polls.</summary>
public sealed class StoreBatchesTests
{
    [Fact]
    public void Every_store_is_in_exactly_one_batch_of_its_own_partition_and_no_batch_exceeds_its_bounds()
    {
        var random = new Random(5);
        var stores = Enumerable.Range(0, 40_000)
            .Select(i => new KeyValuePair<string, StoreBuffer>($"store-{i}", BufferWith($"store-{i}", random.Next(0, 12) == 0 ? 5_000 : random.Next(0, 300))))
            .ToArray();

        var batches = StoreUpdateSender.Batches(stores);

        Assert.Equal(Enumerable.Range(0, stores.Length), batches.SelectMany(batch => batch.Members).Order());
        foreach (var (partition, members) in batches)
        {
            Assert.All(members, member => Assert.Equal(partition, StoreIndex.PartitionOf(stores[member].Key)));
            Assert.InRange(members.Length, 1, StoreUpdateSender.MostStoresPerBatch);
            var polls = members.Sum(member => stores[member].Value.PollCount);
            Assert.True(members.Length == 1 || polls <= StoreUpdateSender.MostPollsPerBatch, $"{members.Length} stores with {polls} polls in one batch");
        }
    }

    [Fact]
    public void Batches_in_flight_together_belong_to_different_partitions()
    {
        var stores = Enumerable.Range(0, 50_000).Select(i => new KeyValuePair<string, StoreBuffer>($"s{i}", BufferWith($"s{i}", 1))).ToArray();

        var batches = StoreUpdateSender.Batches(stores);

        // The first round takes one batch of every partition before any partition's second.
        Assert.Equal(StoreIndex.PartitionCount, batches.Take(StoreIndex.PartitionCount).Select(batch => batch.Partition).Distinct().Count());
    }

    private static StoreBuffer BufferWith(string storeId, int polls)
    {
        var buffer = new StoreBuffer(storeId);
        for (var i = 0; i < polls; i++)
        {
            buffer.AddPoll(i, PollStatus.Active);
        }

        return buffer;
    }
}
