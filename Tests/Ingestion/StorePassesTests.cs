using System.Text;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Ingestion;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// A run whose polls exceed <see cref="IngestionOptions.PollBytesPerPass"/> reads them in passes, holding one share of
/// the stores' polls at a time: the stores, the counts, the rejections and the report are exactly those of a run that
/// reads everything at once, for a full read and for the appended part an incremental run reads.
/// </summary>
public sealed class StorePassesTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    public Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 90, seed: 41, days: 3);
        // Rows each reader rejects, and a second zone for a store, which only the pass holding that store can see.
        File.AppendAllText(_data.File("store_status.csv"), "not-a-store id,active,2023-01-25 10:00:00 UTC\n1000000000000,maybe,2023-01-25 10:00:00 UTC\n1000000007919,active,yesterday\n");
        File.AppendAllText(_data.File("timezones.csv"), "1000000015838,Asia/Tokyo\n");
        File.AppendAllText(_data.File("menu_hours.csv"), "1000000023757,9,10:00:00,11:00:00\n");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _data.Dispose();
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    public async Task Runs_in_passes_leave_the_stores_counts_and_report_of_one_pass(int passes)
    {
        var pollBytes = new FileInfo(_data.File("store_status.csv")).Length;
        await using var onePass = await StoreMonitorCluster.StartAsync(_database.File("one.db"), serviceId: "one-pass");
        await using var inPasses = await StoreMonitorCluster.StartAsync(_database.File("passes.db"), serviceId: "passes");
        var single = onePass.CreateIngestionRunner();
        var several = inPasses.CreateIngestionRunner(new IngestionOptions { PollBytesPerPass = (pollBytes / passes) + 1 });

        await CompareAsync(await StoreMonitorCluster.IngestAsync(single, _data.Path), await StoreMonitorCluster.IngestAsync(several, _data.Path), "the full read");

        // An incremental run reads the appended part, in passes of its own size.
        var appended = new StringBuilder();
        foreach (var store in StoreIds().Take(40))
        {
            appended.Append(store).Append(",inactive,2023-01-25 19:05:00 UTC\n");
        }

        File.AppendAllText(_data.File("store_status.csv"), appended.ToString());
        several = inPasses.CreateIngestionRunner(new IngestionOptions { PollBytesPerPass = (appended.Length / 4) + 1 });
        await CompareAsync(await StoreMonitorCluster.IngestAsync(single, _data.Path), await StoreMonitorCluster.IngestAsync(several, _data.Path), "the appended part");

        async Task CompareAsync(IngestionSummary expected, IngestionSummary actual, string run)
        {
            Assert.Null(actual.Error);
            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(await StoreStates.OfAllAsync(onePass.Grains, StoreIds()), await StoreStates.OfAllAsync(inPasses.Grains, StoreIds()));
            var reportId = $"after {run}";
            Assert.Equal(ReportState.Complete, (await inPasses.RunReportAsync(reportId)).State);
            Assert.Equal(
                Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)),
                Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(inPasses.Grains, reportId))!));
        }
    }

    private IEnumerable<string> StoreIds() =>
        File.ReadLines(_data.File("timezones.csv")).Skip(1).Select(line => line.Split(',')[0]);

    private static string Describe(IngestionSummary summary) =>
        $"stores {summary.StoresUpdated}; " + string.Join("; ", summary.Files.Select(file =>
            $"{Path.GetFileName(file.File)}: read {file.RowsRead}, accepted {file.Accepted}, duplicates {file.Duplicates}, rejected {file.Rejected} " +
            $"[{string.Join(" | ", file.FirstRejections)}] error '{file.Error}' from {file.ReadFrom}"));
}
