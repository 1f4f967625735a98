using System.Text;
using StoreMonitor.Bench.Service;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// Reports and ingestion runs overlap all the time once data arrives hourly. Whichever starts first, a report counts
/// each run entirely or not at all. One store is made slow (its calls held at the silo) so the overlap is certain.
/// </summary>
public sealed class ReportsAndRunsTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;
    private CallGate? _gate;
    private int _drainChecks;

    private string Polls => _data.File("store_status.csv");

    public async Task InitializeAsync() => _cluster = await StartClusterAsync();

    public async Task DisposeAsync()
    {
        _gate?.Release();
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    private Task<StoreMonitorCluster> StartClusterAsync() =>
        StoreMonitorCluster.StartAsync(_directory.File("grains.db"), configure: silo =>
        {
            CallGate.Install(silo, () => _gate);
            // Counts a run's checks whether the reports reading have finished: a run that checks again is waiting.
            silo.AddIncomingGrainCallFilter(context =>
            {
                if ((context.InterfaceMethod?.Name ?? context.MethodName) == nameof(IIngestionLedgerGrain.ReportsDrained))
                {
                    Interlocked.Increment(ref _drainChecks);
                }

                return context.Invoke();
            });
        });

    /// <summary>Ingests a dataset, then appends an hour of polls for every store; returns the store ids and the report before the hour.</summary>
    private async Task<(string[] Stores, string Before, IngestionSummary First)> IngestThenAppendAnHourAsync()
    {
        TestDataset.Write(_data.Path, stores: 40, seed: 21);
        var first = await _cluster.IngestAsync(_data.Path);
        var before = Encoding.UTF8.GetString(EngineReference.Compute(_data.Path));
        var stores = File.ReadLines(Polls).Skip(1).Select(line => line.Split(',')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        File.AppendAllLines(Polls, stores.Select((store, i) => $"{store},{(i % 2 == 0 ? "inactive" : "active")},2023-01-25 18:40:00 UTC"));
        return (stores, before, first);
    }

    private async Task<string> CsvOfAsync(string reportId) =>
        Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, reportId))!);

    [Fact]
    public async Task A_run_that_begins_while_a_report_reads_waits_and_the_report_counts_none_of_it()
    {
        var (stores, before, first) = await IngestThenAppendAnHourAsync();
        _gate = new CallGate(nameof(IStoreGrain.ComputeUptime), stores[0]);
        await _cluster.Grains.GetGrain<IReportGrain>("report-first").Start(new ReportRequest(null));
        await _gate.Entered;

        var runner = _cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_data.Path);
        Assert.NotNull(run);
        var checksBefore = Volatile.Read(ref _drainChecks);
        var running = runner.RunAsync(run, CancellationToken.None);
        await Waits.UntilAsync(() => Volatile.Read(ref _drainChecks) >= checksBefore + 2, TimeSpan.FromSeconds(30), "the run to wait for the report to finish reading");
        var whileHeld = await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus();
        var lastStore = await _cluster.Grains.GetGrain<IStoreGrain>(stores[^1]).GetSummary();
        _gate.Release();
        var report = await _cluster.WaitForReportAsync("report-first");
        var summary = await running;
        var next = await _cluster.RunReportAsync("report-after");

        Assert.Equal((IngestionState.Running, 1), (whileHeld.State, whileHeld.ReportsReading));
        Assert.True(lastStore.LatestPoll < NodaTime.Instant.FromUtc(2023, 1, 25, 18, 40), "the run wrote while a report was reading");
        Assert.Equal(ReportState.Complete, report.State);
        Assert.Equal(before, await CsvOfAsync("report-first"));
        Assert.Equal((first.RunId, first.RunNumber), (report.IncludedRunId, report.IncludedRunNumber));
        Assert.Null(summary.Error);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), await CsvOfAsync("report-after"));
        Assert.Equal(summary.RunId, next.IncludedRunId);
    }

    [Fact]
    public async Task A_report_that_starts_while_a_run_writes_waits_and_counts_all_of_it()
    {
        var (stores, before, _) = await IngestThenAppendAnHourAsync();
        _gate = new CallGate(nameof(IStoreGrain.Ingest), stores[0]);
        var runner = _cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_data.Path);
        Assert.NotNull(run);
        var running = runner.RunAsync(run, CancellationToken.None);
        await _gate.Entered;

        var second = _cluster.Grains.GetGrain<IReportGrain>("report-second");
        await second.Start(new ReportRequest(null));
        await Waits.UntilAsync(async () => (await second.GetStatus()).Phase != ReportPhase.None, TimeSpan.FromSeconds(30), "the report to start");
        var whileHeld = await second.GetStatus();
        _gate.Release();
        var summary = await running;
        var report = await _cluster.WaitForReportAsync("report-second");

        Assert.Equal((ReportState.Running, ReportPhase.WaitingForIngestion), (whileHeld.State, whileHeld.Phase));
        Assert.Null(summary.Error);
        Assert.Equal(ReportState.Complete, report.State);
        var after = Encoding.UTF8.GetString(EngineReference.Compute(_data.Path));
        Assert.NotEqual(before, after);
        Assert.Equal(after, await CsvOfAsync("report-second"));
        Assert.Equal((summary.RunId, run.RunNumber), (report.IncludedRunId, report.IncludedRunNumber));
    }

    [Fact]
    public async Task The_ingestion_lease_outlives_the_status_grain_activation()
    {
        TestDataset.Write(_data.Path, stores: 5, seed: 22);
        var run = await _cluster.CreateIngestionRunner().TryBeginAsync(_data.Path);
        Assert.NotNull(run);

        // Every silo goes away; the new activation reads the lease back from storage.
        await _cluster.DisposeAsync();
        _cluster = await StartClusterAsync();
        var status = _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var second = await _cluster.CreateIngestionRunner().TryBeginAsync(_data.Path);
        var report = await status.TryBeginReport("while-the-run-holds-the-lease");

        Assert.Null(second);
        Assert.Null(report);
        Assert.Equal((IngestionState.Running, run.RunId), ((await status.GetStatus()).State, (await status.GetStatus()).CurrentRun?.RunId));
        Assert.True(await status.Heartbeat(run.RunId));
    }

    [Fact]
    public async Task A_store_refuses_an_update_from_a_run_older_than_one_it_has_taken()
    {
        var store = _cluster.Grains.GetGrain<IStoreGrain>("fenced");
        long Ticks(int hour) => NodaTime.Instant.FromUtc(2023, 1, 23, hour, 0).ToUnixTimeTicks();
        await store.Ingest(new StoreUpdate([Ticks(10)], [PollStatus.Active], null, null, RunNumber: 5));

        var stale = await Assert.ThrowsAnyAsync<Exception>(() => store.Ingest(new StoreUpdate([Ticks(11)], [PollStatus.Inactive], null, null, RunNumber: 4)));
        await store.Ingest(new StoreUpdate([Ticks(12)], [PollStatus.Active], null, null, RunNumber: 6));

        Assert.Contains("run 4", stale.Message);
        Assert.Equal(2, (await store.GetSummary()).PollCount);
    }

    [Fact]
    public async Task Two_runs_never_hold_the_lease_at_once_and_numbers_only_grow()
    {
        TestDataset.Write(_data.Path, stores: 5, seed: 23);
        var runner = _cluster.CreateIngestionRunner();
        var first = await _cluster.IngestAsync(_data.Path);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => runner.TryBeginAsync(_data.Path)));

        var granted = Assert.Single(claims, claim => claim is not null);
        Assert.Equal(first.RunNumber + 1, granted!.RunNumber);
        await runner.RunAsync(granted, CancellationToken.None);
    }
}
