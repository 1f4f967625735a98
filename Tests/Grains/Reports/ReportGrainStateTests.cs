using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Reports;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>A report's record moves Running → Complete or Running → Failed, each as a new record.</summary>
public sealed class ReportGrainStateTests
{
    private static readonly Instant Created = Instant.FromUtc(2023, 1, 25, 18, 0);
    private static readonly Instant Finished = Created + Duration.FromSeconds(3);
    private static readonly Instant AsOf = Instant.FromUtc(2023, 1, 25, 17, 0);

    [Fact]
    public void A_started_report_is_running_with_what_was_asked()
    {
        var running = ReportGrainState.Running(AsOf, Created);

        Assert.Equal((ReportState.Running, AsOf, Created), (running.Status, running.RequestedAsOf, running.CreatedAt));
        Assert.Null(running.PartsPerPartition);
        Assert.Null(running.FinishedAt);
    }

    [Fact]
    public void Completing_carries_the_result_and_leaves_the_running_record_as_it_was()
    {
        var running = ReportGrainState.Running(null, Created);
        var result = new ReportResult(AsOf, StoresTotal: 3, RowCount: 2, ["a warning"], [1, 0, 2], ByteCount: 400);

        var complete = running.Completed(result, Finished);

        Assert.Equal((ReportState.Complete, AsOf, Finished, 3, 2), (complete.Status, complete.AsOf, complete.FinishedAt, complete.StoresTotal, complete.RowCount));
        Assert.Equal([1, 0, 2], complete.PartsPerPartition!);
        Assert.Equal(400, complete.ByteCount);
        Assert.Null(complete.Csv);
        Assert.Equal(["a warning"], complete.Warnings);
        Assert.Equal(Created, complete.CreatedAt);
        Assert.Equal(ReportState.Running, running.Status);
        Assert.Null(running.PartsPerPartition);
    }

    [Fact]
    public void Failing_keeps_the_request_and_the_reason_and_nothing_of_a_result()
    {
        var complete = ReportGrainState.Running(AsOf, Created).Completed(new ReportResult(AsOf, 3, 2, ["w"], [1], 300), Finished);

        var failed = complete.Failed("storage is gone", Finished);

        Assert.Equal((ReportState.Failed, "storage is gone", AsOf, Created, Finished), (failed.Status, failed.Error, failed.RequestedAsOf, failed.CreatedAt, failed.FinishedAt));
        Assert.Null(failed.PartsPerPartition);
        Assert.Null(failed.AsOf);
        Assert.Equal((0, 0), (failed.RowCount, failed.StoresTotal));
        Assert.Empty(failed.Warnings);
    }
}
