using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// The report grain on one cluster these tests share (<see cref="ReportCluster"/>). Each ingests the files itself (a
/// repeat reads nothing new, but is a run of its own, so no report here is identical to another test's and shares its
/// computation) and starts reports under ids of its own. Reports across restarts, before any ingestion and during one
/// need a cluster of their own: <see cref="ReportGrainRestartTests"/> and <see cref="ReportIngestionOrderTests"/>.
/// </summary>
public sealed class ReportGrainTests(ReportCluster reports) : IClassFixture<ReportCluster>
{
    private StoreMonitorCluster Cluster => reports.Cluster;

    private string DataDirectory => reports.DataDirectory;

    [Fact]
    public async Task A_report_over_hundreds_of_stores_equals_the_engine_computed_directly()
    {
        await Cluster.IngestAsync(DataDirectory);

        var status = await Cluster.RunReportAsync("report-equals-engine");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(300, status.RowCount);
        var csv = await ReportFile.ReadAllAsync(Cluster.Grains, "report-equals-engine");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory)), Encoding.UTF8.GetString(csv!));
        Assert.Equal(DatasetFacts.LatestPoll(DataDirectory), status.AsOf);
    }

    [Fact]
    public async Task A_report_time_outside_the_supported_range_is_refused_before_anything_is_recorded()
    {
        var report = Cluster.Grains.GetGrain<IReportGrain>("report-year-2999");

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
            var report = Cluster.Grains.GetGrain<IReportGrain>(id);
            var error = await Assert.ThrowsAsync<ArgumentException>(() => report.Start(new ReportRequest(null, options)));
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
            Assert.Equal(ReportState.Unknown, (await report.GetStatus()).State);
        }
    }

    [Fact]
    public async Task A_report_with_an_explicit_as_of_uses_it_and_ignores_later_polls()
    {
        await Cluster.IngestAsync(DataDirectory);
        var asOf = TestDataset.DefaultEnd - Duration.FromHours(30);

        var status = await Cluster.RunReportAsync("report-as-of", asOf);

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(asOf, status.AsOf);
        var csv = await ReportFile.ReadAllAsync(Cluster.Grains, "report-as-of");
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory, asOf)), Encoding.UTF8.GetString(csv!));
    }

    [Fact]
    public async Task Starting_a_report_twice_does_not_run_it_again()
    {
        await Cluster.IngestAsync(DataDirectory);
        var first = await Cluster.RunReportAsync("report-once");

        var second = await Cluster.Grains.GetGrain<IReportGrain>("report-once").Start(new ReportRequest(TestDataset.DefaultEnd - Duration.FromDays(3)));

        Assert.Equal(ReportState.Complete, second.State);
        Assert.Equal(first.AsOf, second.AsOf);
        Assert.Equal(first.FinishedAt, second.FinishedAt);
    }
}
