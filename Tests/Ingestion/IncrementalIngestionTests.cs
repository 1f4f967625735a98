using System.Text;
using StoreMonitor.Bench.Service;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>Each run reads only what is new: the part appended to a polls file, changed snapshot files, new hourly drops.</summary>
public sealed class IncrementalIngestionTests : IAsyncLifetime
{
    private const string Header = "store_id,status,timestamp_utc\n";

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    private string Polls => _data.File("store_status.csv");

    public async Task InitializeAsync() => _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    private static FileIngestionSummary FileNamed(IngestionSummary summary, string name) =>
        summary.Files.Single(file => Path.GetFileName(file.File) == name);

    private async Task AssertReportEqualsEngineAsync(string reportId)
    {
        var report = await _cluster.RunReportAsync(reportId);
        Assert.Equal(ReportState.Complete, report.State);
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, reportId);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString(csv!));
    }

    [Fact]
    public async Task A_polls_file_that_only_grew_is_read_from_where_the_last_run_stopped()
    {
        TestDataset.Write(_data.Path, stores: 30, seed: 11);
        await _cluster.IngestAsync(_data.Path);
        var appliedBytes = new FileInfo(Polls).Length;
        var appliedLines = File.ReadAllLines(Polls).Length;
        var store = File.ReadAllLines(Polls)[1].Split(',')[0];
        var pollsBefore = (await _cluster.Grains.GetGrain<IStoreGrain>(store).GetSummary()).PollCount;
        File.AppendAllText(Polls,
            $"{store},inactive,2023-01-25 19:00:00 UTC\n" +
            $"{store},sometimes,2023-01-25 19:30:00 UTC\n" +
            $"{store},active,2023-01-25 20:00:00 UTC\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        var polls = FileNamed(summary, "store_status.csv");
        Assert.Equal(appliedBytes, polls.ReadFrom);
        Assert.Equal((3L, 2L, 0L, 1L), (polls.RowsRead, polls.Accepted, polls.Duplicates, polls.Rejected));
        // The rejected row is named by its line in the file, not in the part that was read.
        Assert.Contains($"store_status.csv:{appliedLines + 2}: ", Assert.Single(polls.FirstRejections));
        Assert.True(FileNamed(summary, "menu_hours.csv").Unchanged);
        Assert.True(FileNamed(summary, "timezones.csv").Unchanged);
        Assert.Equal(pollsBefore + 2, (await _cluster.Grains.GetGrain<IStoreGrain>(store).GetSummary()).PollCount);
        await AssertReportEqualsEngineAsync("grown");
    }

    [Fact]
    public async Task Nothing_is_read_when_no_file_changed_not_even_after_a_restart()
    {
        TestDataset.Write(_data.Path, stores: 10, seed: 12);
        await _cluster.IngestAsync(_data.Path);
        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

        var runner = _cluster.CreateIngestionRunner();
        var changed = await runner.HasChangesAsync(_data.Path);
        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.False(changed);
        Assert.All(summary.Files, file => Assert.True(file.Unchanged, file.File));
        Assert.Equal(0, summary.Files.Sum(file => file.RowsRead));
        Assert.Equal(0, summary.StoresUpdated);
    }

    [Fact]
    public async Task A_rewritten_shorter_polls_file_is_read_whole()
    {
        File.WriteAllText(Polls, Header + "a,active,2023-01-22 12:00:00 UTC\na,active,2023-01-22 13:00:00 UTC\na,active,2023-01-22 14:00:00 UTC\n");
        await _cluster.IngestAsync(_data.Path);
        File.WriteAllText(Polls, Header + "b,inactive,2023-01-22 12:00:00 UTC\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        var polls = FileNamed(summary, "store_status.csv");
        Assert.Equal((0L, 1L, 1L), (polls.ReadFrom, polls.RowsRead, polls.Accepted));
        Assert.Equal(1, (await _cluster.Grains.GetGrain<IStoreGrain>("b").GetSummary()).PollCount);
    }

    [Fact]
    public async Task A_polls_file_rewritten_to_the_same_size_with_other_rows_is_read_whole()
    {
        File.WriteAllText(Polls, Header + "a,active,2023-01-22 12:00:00 UTC\nb,active,2023-01-22 12:00:00 UTC\n");
        await _cluster.IngestAsync(_data.Path);
        File.WriteAllText(Polls, Header + "a,active,2023-01-22 12:00:00 UTC\nc,active,2023-01-22 12:00:00 UTC\n");
        File.SetLastWriteTimeUtc(Polls, File.GetLastWriteTimeUtc(Polls).AddSeconds(1));
        // Then grown, so a reader that trusted the size would read only the appended row.
        File.AppendAllText(Polls, "a,inactive,2023-01-22 13:00:00 UTC\n");

        var summary = await _cluster.IngestAsync(_data.Path);

        var polls = FileNamed(summary, "store_status.csv");
        Assert.Equal((0L, 3L, 2L, 1L), (polls.ReadFrom, polls.RowsRead, polls.Accepted, polls.Duplicates));
        Assert.Equal(1, (await _cluster.Grains.GetGrain<IStoreGrain>("c").GetSummary()).PollCount);
    }

    [Fact]
    public async Task Hours_and_zone_files_are_applied_only_when_their_content_changed()
    {
        File.WriteAllText(Polls, Header + "h,active,2023-01-23 12:00:00 UTC\n");
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\nh,0,09:00,17:00\n");
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\nh,America/Denver\n");
        await _cluster.IngestAsync(_data.Path);
        // Touched, same bytes: nothing to apply.
        File.SetLastWriteTimeUtc(_data.File("menu_hours.csv"), DateTime.UtcNow.AddMinutes(1));
        var touched = await _cluster.IngestAsync(_data.Path);
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\nh,Asia/Kolkata\n");

        var changed = await _cluster.IngestAsync(_data.Path);

        Assert.True(FileNamed(touched, "menu_hours.csv").Unchanged);
        Assert.Equal(0, touched.StoresUpdated);
        Assert.False(FileNamed(changed, "timezones.csv").Unchanged);
        Assert.True(FileNamed(changed, "menu_hours.csv").Unchanged);
        var store = await _cluster.Grains.GetGrain<IStoreGrain>("h").GetSummary();
        Assert.Equal("Asia/Kolkata", store.ZoneId);
        Assert.Single(store.Hours);
    }

    [Fact]
    public async Task Hourly_drop_files_are_each_ingested_once()
    {
        TestDataset.Write(_data.Path, stores: 20, seed: 13);
        await _cluster.IngestAsync(_data.Path);
        var store = File.ReadAllLines(Polls)[1].Split(',')[0];
        File.WriteAllText(_data.File("store_status_2023-01-25T19.csv"), Header + $"{store},inactive,2023-01-25 19:05:00 UTC\nnew-store,active,2023-01-25 19:06:00 UTC\n");

        var first = await _cluster.IngestAsync(_data.Path);
        var second = await _cluster.IngestAsync(_data.Path);

        var drop = FileNamed(first, "store_status_2023-01-25T19.csv");
        Assert.Equal((2L, 2L), (drop.RowsRead, drop.Accepted));
        Assert.True(FileNamed(first, "store_status.csv").Unchanged);
        Assert.All(second.Files, file => Assert.True(file.Unchanged, file.File));
        Assert.Equal(1, (await _cluster.Grains.GetGrain<IStoreGrain>("new-store").GetSummary()).PollCount);
        await AssertReportEqualsEngineAsync("drops");
    }

    [Fact]
    public async Task A_last_line_without_a_line_feed_is_read_again_once_it_is_complete()
    {
        File.WriteAllText(Polls, Header + "a,active,2023-01-22 12:00:00 UTC\na,inactive,2023-01-22 13:0");
        var first = await _cluster.IngestAsync(_data.Path);
        File.AppendAllText(Polls, "0:00 UTC\n");

        var second = await _cluster.IngestAsync(_data.Path);

        Assert.Equal(1, FileNamed(first, "store_status.csv").Rejected);
        var polls = FileNamed(second, "store_status.csv");
        Assert.Equal((1L, 1L, 0L), (polls.RowsRead, polls.Accepted, polls.Rejected));
        Assert.Equal(2, (await _cluster.Grains.GetGrain<IStoreGrain>("a").GetSummary()).PollCount);
    }

    [Fact]
    public async Task A_run_whose_stores_failed_does_not_advance_the_files_so_the_next_run_reads_the_part_again()
    {
        File.WriteAllText(Polls, Header + "broken,active,2023-01-22 12:00:00 UTC\nfine,active,2023-01-22 12:00:00 UTC\n");
        var first = await _cluster.IngestAsync(_data.Path);
        var applied = Assert.Single(await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetFiles());
        await _cluster.DisposeAsync();
        IngestionRunnerTests.CorruptStoreState(_directory.File("grains.db"), "broken");
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));
        File.AppendAllText(Polls, "broken,active,2023-01-22 13:00:00 UTC\nfine,inactive,2023-01-22 13:00:00 UTC\n");

        var failed = await _cluster.IngestAsync(_data.Path);
        var afterFailure = Assert.Single(await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetFiles());
        var retry = await _cluster.IngestAsync(_data.Path);

        Assert.Equal(new FileInfo(Polls).Length - 76, applied.Position);
        Assert.Equal((3L, first.RunId), (applied.Lines, applied.RunId));
        Assert.NotNull(failed.Error);
        Assert.Equal(applied, afterFailure);
        Assert.Equal(applied.Position, FileNamed(retry, "store_status.csv").ReadFrom);
        Assert.Equal(2, (await _cluster.Grains.GetGrain<IStoreGrain>("fine").GetSummary()).PollCount);
    }
}
