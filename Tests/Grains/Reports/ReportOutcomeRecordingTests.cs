using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// When the database refuses a report's outcome, the report must neither show a result that is not stored
/// nor stay Running: it retries the write, and when that keeps failing, a fresh activation runs it again. When the
/// database refuses its rows, the report fails, saying so in words, with the exception in the log only.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class ReportOutcomeRecordingTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private readonly LogCapture _log = new();
    private StoreMonitorCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"), configure: silo =>
        {
            FaultInjectingGrainStorage.Install(silo);
            silo.Services.AddSingleton<ILoggerProvider>(_log);
        });
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
    [Trait("Category", TestCategories.Slow)]
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

    [Fact]
    public async Task A_result_being_written_is_not_shown_and_what_was_shown_is_what_storage_holds_after_a_restart()
    {
        const string ReportId = "outcome-in-flight";
        // The result's first write is held in flight; it and every retry of this cluster are then refused.
        var hold = FaultInjectingGrainStorage.HoldWrites(ReportId, IsComplete);
        FaultInjectingGrainStorage.FailWrites(ReportId, count: int.MaxValue, when: IsComplete);
        var report = _cluster.Grains.GetGrain<IReportGrain>(ReportId);
        ReportStatus whileWriting;
        ReportContent? contentWhileWriting;
        try
        {
            await report.Start(new ReportRequest(null));
            await hold.Entered;
            whileWriting = await report.GetStatus();
            contentWhileWriting = await report.GetContent();
        }
        finally
        {
            hold.Release();
        }

        await Waits.UntilAsync(() => FaultInjectingGrainStorage.FailedWrites(ReportId) >= 2, TimeSpan.FromSeconds(30), "a second refused write of the result");
        var afterRefusals = await report.GetStatus();
        var contentAfterRefusals = await report.GetContent();

        // A new cluster on the same database, storing normally: it finds what the readers were shown.
        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));
        var restarted = _cluster.Grains.GetGrain<IReportGrain>(ReportId);
        var storedAfterRestart = await restarted.GetStatus();
        var finished = await _cluster.WaitForReportAsync(ReportId);

        Assert.Equal(ReportState.Running, whileWriting.State);
        Assert.Null(contentWhileWriting);
        Assert.Equal(ReportState.Running, afterRefusals.State);
        Assert.Null(contentAfterRefusals);
        Assert.Equal(ReportState.Running, storedAfterRestart.State);
        Assert.True(finished.State == ReportState.Complete, $"the report ended {finished.State}: {finished.Error}");
        Assert.Equal(EngineCsv(), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, ReportId))!));
    }

    [Fact]
    public async Task A_report_that_fails_inside_the_service_says_what_failed_and_keeps_the_exception_out_of_its_error()
    {
        const string ReportId = "outcome-internal-failure";
        const string Internals = "SQLITE_IOERR_WRITE at /srv/store-monitor/secret/grains.db";
        // Storage refuses every piece of the report's rows, with a message full of the server's internals.
        foreach (var partition in Enumerable.Range(0, StoreIndex.PartitionCount))
        {
            FaultInjectingGrainStorage.FailWrites(ReportParts.Key(ReportId, partition, 0), count: int.MaxValue, when: _ => true, failure: _ => new IOException(Internals));
        }

        var status = await _cluster.RunReportAsync(ReportId);

        Assert.Equal(ReportState.Failed, status.State);
        Assert.NotNull(status.Error);
        Assert.DoesNotContain("SQLITE", status.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/srv/", status.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(IOException), status.Error, StringComparison.Ordinal);
        // What failed and what to do, in words a user can act on.
        Assert.Contains("storage", status.Error, StringComparison.Ordinal);
        Assert.Contains("trigger the report again", status.Error, StringComparison.OrdinalIgnoreCase);
        // The exception itself is for the operator, in the server log.
        Assert.Contains(_log.Lines, line => line.Contains(ReportId, StringComparison.Ordinal) && line.Contains(Internals, StringComparison.Ordinal));
    }

    private static bool IsComplete(object state) => state is ReportGrainState { Status: ReportState.Complete };

    private string EngineCsv() => Encoding.UTF8.GetString(EngineReference.Compute(_data.Path));
}
