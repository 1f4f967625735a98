using System.Text;
using StoreMonitor.Engine;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// A report started before any ingestion, or while one runs. Each needs a cluster in that state, never ingested or
/// with its ingestion lease held, so each starts one of its own (<see cref="ReportCluster"/>).
/// </summary>
public sealed class ReportIngestionOrderTests : IAsyncLifetime
{
    private readonly ReportCluster _reports = new();

    private StoreMonitorCluster Cluster => _reports.Cluster;

    public Task InitializeAsync() => _reports.InitializeAsync();

    public Task DisposeAsync() => _reports.DisposeAsync();

    [Fact]
    public async Task A_report_before_any_ingestion_is_complete_with_only_the_header()
    {
        var status = await Cluster.RunReportAsync("report-empty");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(0, status.RowCount);
        var csv = await ReportFile.ReadAllAsync(Cluster.Grains, "report-empty");
        Assert.Equal(ReportCsv.Header + "\n", Encoding.UTF8.GetString(csv!));
        Assert.NotEmpty(status.Warnings);
    }

    [Fact]
    public async Task A_report_triggered_during_ingestion_waits_for_it_to_finish()
    {
        var runner = Cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_reports.DataDirectory);
        Assert.NotNull(run);

        var report = Cluster.Grains.GetGrain<IReportGrain>("report-waits");
        await report.Start(new ReportRequest(null));
        await Waits.UntilAsync(async () => (await report.GetStatus()).Phase != ReportPhase.None, TimeSpan.FromSeconds(30), "the report to start");
        var waiting = await report.GetStatus();
        await runner.RunAsync(run, CancellationToken.None);
        var done = await Cluster.WaitForReportAsync("report-waits");

        Assert.Equal(ReportState.Running, waiting.State);
        Assert.Equal(ReportPhase.WaitingForIngestion, waiting.Phase);
        Assert.Equal(ReportState.Complete, done.State);
        Assert.Equal(300, done.RowCount);
    }
}
