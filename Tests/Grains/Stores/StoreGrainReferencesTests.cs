using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Stores;

/// <summary>The references ingestion and reports make per store are the ones <c>IGrainFactory.GetGrain</c> makes.</summary>
public sealed class StoreGrainReferencesTests
{
    [Fact]
    public async Task A_store_reference_is_the_grain_factorys_and_reaches_the_same_activation()
    {
        using var directory = new TempDirectory();
        await using var cluster = await StoreMonitorCluster.StartAsync(directory.File("refs.db"));
        var references = cluster.StoreGrains;

        var made = references.Get("store-42");
        var factory = cluster.Grains.GetGrain<IStoreGrain>("store-42");

        Assert.Equal(factory.GetGrainId(), made.GetGrainId());
        Assert.Equal(factory, made);
        Assert.NotEqual(factory.GetGrainId(), references.Get("store-43").GetGrainId());
        await made.Ingest(new StoreUpdate([1_674_000_000L * TimeSpan.TicksPerSecond], [PollStatus.Active], Hours: null, ZoneId: null));
        var summary = await factory.GetSummary();
        Assert.NotNull(summary.LatestPoll);
    }
}
