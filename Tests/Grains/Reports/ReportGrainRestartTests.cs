using System.Text;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// Reports across a restart of the whole cluster: served, finished, or failed by the next one from what the database
/// holds. Each test stops its cluster, so each starts one of its own (<see cref="ReportCluster"/>).
/// </summary>
public sealed class ReportGrainRestartTests : IAsyncLifetime
{
    private readonly ReportCluster _reports = new();

    private StoreMonitorCluster Cluster => _reports.Cluster;

    public Task InitializeAsync() => _reports.InitializeAsync();

    public Task DisposeAsync() => _reports.DisposeAsync();

    [Fact]
    public async Task A_complete_report_is_served_after_the_whole_cluster_restarts()
    {
        await Cluster.IngestAsync(_reports.DataDirectory);
        var before = await Cluster.RunReportAsync("report-durable");
        var csvBefore = await ReportFile.ReadAllAsync(Cluster.Grains, "report-durable");

        await _reports.RestartAsync();
        var after = await Cluster.Grains.GetGrain<IReportGrain>("report-durable").GetStatus();
        var csvAfter = await ReportFile.ReadAllAsync(Cluster.Grains, "report-durable");

        Assert.Equal(ReportState.Complete, after.State);
        Assert.Equal(before.AsOf, after.AsOf);
        Assert.Equal(csvBefore, csvAfter);
        Assert.Equal(IngestionState.Idle, (await Cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus()).State);
    }

    [Fact]
    public async Task A_report_that_shared_an_identical_computation_is_still_served_after_a_restart()
    {
        await Cluster.IngestAsync(_reports.DataDirectory);
        await Cluster.RunReportAsync("report-leader");
        var follower = await Cluster.RunReportAsync("report-follower");

        await _reports.RestartAsync();
        var after = await Cluster.Grains.GetGrain<IReportGrain>("report-follower").GetStatus();
        var csv = await ReportFile.ReadAllAsync(Cluster.Grains, "report-follower");

        Assert.Equal(ReportState.Complete, follower.State);
        Assert.Equal(ReportState.Complete, after.State);
        Assert.Equal(300, after.RowCount);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_reports.DataDirectory)), Encoding.UTF8.GetString(csv!));
    }

    [Fact]
    public async Task Stores_read_back_from_sqlite_give_the_same_report()
    {
        await Cluster.IngestAsync(_reports.DataDirectory);
        var warm = await Cluster.RunReportAsync("report-warm");

        await _reports.RestartAsync();
        var cold = await Cluster.RunReportAsync("report-cold");

        var warmCsv = await ReportFile.ReadAllAsync(Cluster.Grains, "report-warm");
        var coldCsv = await ReportFile.ReadAllAsync(Cluster.Grains, "report-cold");
        Assert.Equal(ReportState.Complete, cold.State);
        Assert.Equal(warm.RowCount, cold.RowCount);
        Assert.Equal(warmCsv, coldCsv);
    }

    [Fact]
    public async Task A_report_left_running_by_a_stopped_cluster_is_finished_by_the_next_one()
    {
        var runner = Cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_reports.DataDirectory);
        Assert.NotNull(run);
        var started = await Cluster.Grains.GetGrain<IReportGrain>("report-resumed").Start(new ReportRequest(null));
        Assert.Equal(ReportState.Running, started.State);

        // The silo goes away while the report waits: only its persisted "Running" state is left.
        await _reports.RestartAsync();
        // The run's lease is persisted too, so the resumed report still waits for it. The runner gives it up
        // unfinished: the run is abandoned, and the report waits on until a successor has read its part again.
        var ledger = Cluster.Grains.GetGrain<IIngestionLedgerGrain>(0);
        await ledger.Release(run.RunId);
        Assert.Null(await ledger.PeekReadGrant());
        var successor = await Cluster.IngestAsync(_reports.DataDirectory);
        var resumed = await Cluster.WaitForReportAsync("report-resumed");

        Assert.Equal(ReportState.Complete, resumed.State);
        Assert.Equal(successor.RunId, resumed.IncludedRunId);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_fails_the_report_with_a_reason()
    {
        await Cluster.IngestAsync(_reports.DataDirectory);
        await _reports.StopAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_reports.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE OrleansStorage SET PayloadBinary = x'DEADBEEF' WHERE rowid = (SELECT MIN(rowid) FROM OrleansStorage WHERE GrainTypeString = $type)";
            corrupt.Parameters.AddWithValue("$type", StateNames.Store);
            Assert.Equal(1, corrupt.ExecuteNonQuery());
        }

        await _reports.StartAsync();
        var status = await Cluster.RunReportAsync("report-fails");

        Assert.Equal(ReportState.Failed, status.State);
        Assert.False(string.IsNullOrWhiteSpace(status.Error));
        Assert.NotNull(status.FinishedAt);
        Assert.Null(await ReportFile.ReadAllAsync(Cluster.Grains, "report-fails"));
    }
}
