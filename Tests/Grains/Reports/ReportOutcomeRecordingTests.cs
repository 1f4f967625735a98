using System.Text;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// When the database refuses a report's outcome, the report must neither show a result that is not stored
/// nor stay Running: it retries the write, and when that keeps failing, a fresh activation runs it again.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class ReportOutcomeRecordingTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"), configure: FaultInjectingGrainStorage.Install);
        TestDataset.Write(_data.Path, stores: 60, seed: 5);
        await _cluster.IngestAsync(_data.Path);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_refused_write_of_the_result_is_retried_and_the_report_completes()
    {
        const string ReportId = "outcome-retried";
        FaultInjectingGrainStorage.FailWrites(ReportId, count: 2, when: IsComplete);

        var status = await _cluster.RunReportAsync(ReportId);

        Assert.True(status.State == ReportState.Complete, $"the report ended {status.State}: {status.Error}");
        Assert.Equal(2, FaultInjectingGrainStorage.FailedWrites(ReportId));
        Assert.Equal(EngineCsv(), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, ReportId))!));
    }

    [Fact]
    public async Task A_result_that_cannot_be_stored_is_never_shown_and_the_next_activation_runs_the_report_again()
    {
        const string ReportId = "outcome-rerun";
        // More refusals than one activation retries: the first activation gives up and deactivates.
        FaultInjectingGrainStorage.FailWrites(ReportId, count: 4, when: IsComplete);
        var report = _cluster.Grains.GetGrain<IReportGrain>(ReportId);
        await report.Start(new ReportRequest(null));

        // Until the result is durable, no caller may see it: whenever the CSV is served, the record says Complete
        // (the CSV is read first, so a report finishing between the two calls cannot fool the check).
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        ReportStatus status;
        while (true)
        {
            var csv = await ReportFile.ReadAllAsync(_cluster.Grains, ReportId);
            status = await report.GetStatus();
            Assert.True(csv is null || status.State == ReportState.Complete, $"a CSV was served while the report was {status.State}");
            if (status.State != ReportState.Running || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(status.State == ReportState.Complete, $"the report ended {status.State}: {status.Error}");
        Assert.Equal(4, FaultInjectingGrainStorage.FailedWrites(ReportId));
        Assert.Equal(EngineCsv(), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, ReportId))!));
    }

    private static bool IsComplete(object state) => state is ReportGrainState { Status: ReportState.Complete };

    private string EngineCsv() => Encoding.UTF8.GetString(EngineReference.Compute(_data.Path));
}
