using System.Text;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

public sealed class ReportGrainTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    private string DatabasePath => _directory.File("grains.db");

    public async Task InitializeAsync()
    {
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        TestDataset.Write(_data.Path, stores: 300, seed: 7);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_report_over_hundreds_of_stores_equals_the_engine_computed_directly()
    {
        await _cluster.IngestAsync(_data.Path);

        var status = await _cluster.RunReportAsync("report-equals-engine");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(300, status.RowCount);
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, "report-equals-engine");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString(csv!));
        Assert.Equal(DatasetFacts.LatestPoll(_data.Path), status.AsOf);
    }

    [Fact]
    public async Task A_report_time_outside_the_supported_range_is_refused_before_anything_is_recorded()
    {
        var report = _cluster.Grains.GetGrain<IReportGrain>("report-year-2999");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => report.Start(new ReportRequest(Instant.FromUtc(2999, 1, 24, 12, 0))));

        Assert.Contains("2200-01-01T00:00:00Z", error.Message);
        Assert.Equal(ReportState.Unknown, (await report.GetStatus()).State);
    }

    [Fact]
    public async Task Options_no_report_can_have_are_refused_before_anything_is_recorded()
    {
        var tooMany = new ReportOptions([.. Enumerable.Range(1, ReportOptions.MaxWindows + 1).Select(day => UptimeWindow.Range($"d{day}", Instant.FromUtc(2023, 1, 1, 0, 0), Instant.FromUtc(2023, 1, 1, 0, 0) + Duration.FromHours(day)))]);
        var backwards = new ReportOptions([new UptimeWindow(UptimeWindowKind.Range, "back", Instant.FromUtc(2023, 2, 1, 0, 0), Instant.FromUtc(2023, 1, 1, 0, 0))]);

        foreach (var (id, options, message) in new[] { ("report-many-windows", tooMany, "1 to 16 windows"), ("report-backwards", backwards, "from must be before to") })
        {
            var report = _cluster.Grains.GetGrain<IReportGrain>(id);
            var error = await Assert.ThrowsAsync<ArgumentException>(() => report.Start(new ReportRequest(null, options)));
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
            Assert.Equal(ReportState.Unknown, (await report.GetStatus()).State);
        }
    }

    [Fact]
    public async Task A_report_with_an_explicit_as_of_uses_it_and_ignores_later_polls()
    {
        await _cluster.IngestAsync(_data.Path);
        var asOf = TestDataset.DefaultEnd - Duration.FromHours(30);

        var status = await _cluster.RunReportAsync("report-as-of", asOf);

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(asOf, status.AsOf);
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, "report-as-of");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path, asOf)), Encoding.UTF8.GetString(csv!));
    }

    [Fact]
    public async Task A_report_before_any_ingestion_is_complete_with_only_the_header()
    {
        var status = await _cluster.RunReportAsync("report-empty");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(0, status.RowCount);
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, "report-empty");
        Assert.Equal(ReportCsv.Header + "\n", Encoding.UTF8.GetString(csv!));
        Assert.NotEmpty(status.Warnings);
    }

    [Fact]
    public async Task A_report_triggered_during_ingestion_waits_for_it_to_finish()
    {
        var runner = _cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_data.Path);
        Assert.NotNull(run);

        var report = _cluster.Grains.GetGrain<IReportGrain>("report-waits");
        await report.Start(new ReportRequest(null));
        await Waits.UntilAsync(async () => (await report.GetStatus()).Phase != ReportPhase.None, TimeSpan.FromSeconds(30), "the report to start");
        var waiting = await report.GetStatus();
        await runner.RunAsync(run, CancellationToken.None);
        var done = await _cluster.WaitForReportAsync("report-waits");

        Assert.Equal(ReportState.Running, waiting.State);
        Assert.Equal(ReportPhase.WaitingForIngestion, waiting.Phase);
        Assert.Equal(ReportState.Complete, done.State);
        Assert.Equal(300, done.RowCount);
    }

    [Fact]
    public async Task Starting_a_report_twice_does_not_run_it_again()
    {
        await _cluster.IngestAsync(_data.Path);
        var first = await _cluster.RunReportAsync("report-once");

        var second = await _cluster.Grains.GetGrain<IReportGrain>("report-once").Start(new ReportRequest(TestDataset.DefaultEnd - Duration.FromDays(3)));

        Assert.Equal(ReportState.Complete, second.State);
        Assert.Equal(first.AsOf, second.AsOf);
        Assert.Equal(first.FinishedAt, second.FinishedAt);
    }

    [Fact]
    public async Task A_complete_report_is_served_after_the_whole_cluster_restarts()
    {
        await _cluster.IngestAsync(_data.Path);
        var before = await _cluster.RunReportAsync("report-durable");
        var csvBefore = await ReportFile.ReadAllAsync(_cluster.Grains, "report-durable");

        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var after = await _cluster.Grains.GetGrain<IReportGrain>("report-durable").GetStatus();
        var csvAfter = await ReportFile.ReadAllAsync(_cluster.Grains, "report-durable");

        Assert.Equal(ReportState.Complete, after.State);
        Assert.Equal(before.AsOf, after.AsOf);
        Assert.Equal(csvBefore, csvAfter);
        Assert.Equal(IngestionState.Idle, (await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus()).State);
    }

    [Fact]
    public async Task A_report_that_shared_an_identical_computation_is_still_served_after_a_restart()
    {
        await _cluster.IngestAsync(_data.Path);
        await _cluster.RunReportAsync("report-leader");
        var follower = await _cluster.RunReportAsync("report-follower");

        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var after = await _cluster.Grains.GetGrain<IReportGrain>("report-follower").GetStatus();
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, "report-follower");

        Assert.Equal(ReportState.Complete, follower.State);
        Assert.Equal(ReportState.Complete, after.State);
        Assert.Equal(300, after.RowCount);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString(csv!));
    }

    [Fact]
    public async Task Stores_read_back_from_sqlite_give_the_same_report()
    {
        await _cluster.IngestAsync(_data.Path);
        var warm = await _cluster.RunReportAsync("report-warm");

        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var cold = await _cluster.RunReportAsync("report-cold");

        var warmCsv = await ReportFile.ReadAllAsync(_cluster.Grains, "report-warm");
        var coldCsv = await ReportFile.ReadAllAsync(_cluster.Grains, "report-cold");
        Assert.Equal(ReportState.Complete, cold.State);
        Assert.Equal(warm.RowCount, cold.RowCount);
        Assert.Equal(warmCsv, coldCsv);
    }

    [Fact]
    public async Task A_report_left_running_by_a_stopped_cluster_is_finished_by_the_next_one()
    {
        var runner = _cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_data.Path);
        Assert.NotNull(run);
        var started = await _cluster.Grains.GetGrain<IReportGrain>("report-resumed").Start(new ReportRequest(null));
        Assert.Equal(ReportState.Running, started.State);

        // The silo goes away while the report waits: only its persisted "Running" state is left.
        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        // The run's lease is persisted too, so the resumed report still waits for it. The runner gives it up
        // unfinished: the run is abandoned, and the report waits on until a successor has read its part again.
        var ledger = _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0);
        await ledger.Release(run.RunId);
        Assert.Null(await ledger.PeekReadGrant());
        var successor = await _cluster.IngestAsync(_data.Path);
        var resumed = await _cluster.WaitForReportAsync("report-resumed");

        Assert.Equal(ReportState.Complete, resumed.State);
        Assert.Equal(successor.RunId, resumed.IncludedRunId);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_fails_the_report_with_a_reason()
    {
        await _cluster.IngestAsync(_data.Path);
        await _cluster.DisposeAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE OrleansStorage SET PayloadBinary = x'DEADBEEF' WHERE rowid = (SELECT MIN(rowid) FROM OrleansStorage WHERE GrainTypeString = $type)";
            corrupt.Parameters.AddWithValue("$type", StateNames.Store);
            Assert.Equal(1, corrupt.ExecuteNonQuery());
        }

        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var status = await _cluster.RunReportAsync("report-fails");

        Assert.Equal(ReportState.Failed, status.State);
        Assert.False(string.IsNullOrWhiteSpace(status.Error));
        Assert.NotNull(status.FinishedAt);
        Assert.Null(await ReportFile.ReadAllAsync(_cluster.Grains, "report-fails"));
    }
}
