using System.Text;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Cluster;

public sealed class MultiSiloReportTests
{
    [Fact]
    public async Task A_report_on_a_two_silo_cluster_equals_the_engine_computed_directly()
    {
        using var directory = new TempDirectory();
        using var data = new TempDirectory();
        TestDataset.Write(data.Path, stores: 200, seed: 23);
        await using var cluster = await StoreMonitorCluster.StartAsync(directory.File("grains.db"), silos: 2);

        await cluster.IngestAsync(data.Path);
        var status = await cluster.RunReportAsync("two-silos");

        Assert.Equal(2, cluster.Cluster.GetActiveSilos().Count());
        Assert.Equal(ReportState.Complete, status.State);
        var csv = await ReportFile.ReadAllAsync(cluster.Grains, "two-silos");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(data.Path)), Encoding.UTF8.GetString(csv!));
    }
}
