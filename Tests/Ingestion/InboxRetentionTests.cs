using System.Text;
using Microsoft.Extensions.Configuration;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Uploads;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// Poll drops (uploads in <c>inbox/</c>, hourly <c>store_status*.csv</c> files) are removed once a completed run
/// applied them longer ago than <c>StoreMonitor:Inbox:Retention</c>, and their records leave the ledger in the same
/// run: neither the directory nor the record grows without bound, the stores keep every poll, and nothing is read
/// again, after a restart either.
/// </summary>
public sealed class InboxRetentionTests : IAsyncLifetime
{
    private const string Header = "store_id,status,timestamp_utc\n";
    private static readonly Duration Retention = Duration.FromDays(7);

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _everything = new();
    private readonly SettableClock _clock = new(Instant.FromUtc(2026, 6, 1, 12, 0));
    private StoreMonitorCluster _cluster = null!;

    private string DatabasePath => _directory.File("grains.db");

    private string Inbox => Path.Combine(_data.Path, InputFiles.InboxFolder);

    public async Task InitializeAsync() => _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
        _everything.Dispose();
    }

    // Bound from configuration, as the host binds it, and in the runner's own clock, which the test moves.
    private IngestionRunner Runner(string retention = "7.00:00:00") => _cluster.CreateIngestionRunner(
        IngestionOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["StoreMonitor:Inbox:Retention"] = retention }).Build()),
        _clock);

    private Task<IngestionSummary> IngestAsync() => StoreMonitorCluster.IngestAsync(Runner(), _data.Path);

    private async Task<string> UploadAsync(string rows)
    {
        var outcome = await new UploadInbox(_data.Path, 1 << 20).SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Header + rows)), "store_status_drop.csv", CancellationToken.None);
        return outcome.Path!;
    }

    private async Task<string[]> RecordedPathsAsync() =>
        [.. (await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetFiles()).Select(file => file.Path).Order(StringComparer.Ordinal)];

    private async Task<int[]> PollCountsAsync(params string[] stores) =>
        await Task.WhenAll(stores.Select(async store => (await _cluster.Grains.GetGrain<IStoreGrain>(store).GetSummary()).PollCount));

    /// <summary>The data directory as it is now, drops included, kept aside: the engine's input once drops are removed.</summary>
    private void KeepACopyOfEverything()
    {
        foreach (var file in Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_everything.Path, Path.GetRelativePath(_data.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private async Task AssertReportEqualsEngineOnEverythingAsync(string reportId)
    {
        Assert.Equal(ReportState.Complete, (await _cluster.RunReportAsync(reportId)).State);
        var csv = await ReportFile.ReadAllAsync(_cluster.Grains, reportId);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_everything.Path)), Encoding.UTF8.GetString(csv!));
    }

    [Fact]
    public async Task Drops_applied_longer_ago_than_the_retention_are_removed_with_their_records_and_never_read_again()
    {
        TestDataset.Write(_data.Path, stores: 20, seed: 41);
        var store = File.ReadAllLines(_data.File("store_status.csv"))[1].Split(',')[0];
        var oldUpload = await UploadAsync($"{store},inactive,2023-01-25 19:05:00 UTC\nuploaded,active,2023-01-25 19:06:00 UTC\n");
        var oldHourly = _data.File("store_status_2023-01-25T20.csv");
        File.WriteAllText(oldHourly, Header + $"{store},active,2023-01-25 20:05:00 UTC\nhourly,inactive,2023-01-25 20:06:00 UTC\n");
        await IngestAsync();
        _clock.Advance(Duration.FromDays(6));
        var recentUpload = await UploadAsync($"{store},active,2023-01-25 21:05:00 UTC\nrecent,active,2023-01-25 21:06:00 UTC\n");
        await IngestAsync();
        KeepACopyOfEverything();
        var pollsBefore = await PollCountsAsync(store, "uploaded", "hourly", "recent");
        _clock.Advance(Duration.FromDays(1) + Duration.FromMinutes(1));

        // Nothing changed on disk: only time passed, and that alone makes the scan start a run.
        var due = await Runner().NeedsRunAsync(_data.Path);
        var removing = await IngestAsync();

        Assert.False(File.Exists(oldUpload), "the upload applied 7 days ago is still in the inbox");
        Assert.False(File.Exists(oldHourly), "the hourly drop applied 7 days ago is still in the data directory");
        Assert.True(File.Exists(recentUpload), "the upload applied a day ago was removed");
        var recorded = await RecordedPathsAsync();
        Assert.DoesNotContain(oldUpload, recorded);
        Assert.DoesNotContain(oldHourly, recorded);
        Assert.Contains(recentUpload, recorded);
        Assert.True(due, "a drop past the retention did not make the scan start a run");
        Assert.Null(removing.Error);
        Assert.Equal(0, removing.Files.Sum(file => file.RowsRead));
        Assert.Equal(pollsBefore, await PollCountsAsync(store, "uploaded", "hourly", "recent"));
        await AssertReportEqualsEngineOnEverythingAsync("after-removal");

        // A new cluster on the same database: the removed drops are neither on disk nor recorded, so nothing is read.
        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var changedAfterRestart = await Runner().NeedsRunAsync(_data.Path);
        var restarted = await IngestAsync();

        Assert.False(changedAfterRestart);
        Assert.All(restarted.Files, file => Assert.True(file.Unchanged, file.File));
        Assert.Equal((0L, 0), (restarted.Files.Sum(file => file.RowsRead), restarted.StoresUpdated));
        Assert.Equal(recorded, await RecordedPathsAsync());
        Assert.True(File.Exists(recentUpload));
        Assert.Equal(pollsBefore, await PollCountsAsync(store, "uploaded", "hourly", "recent"));
        await AssertReportEqualsEngineOnEverythingAsync("after-restart");
    }

    [Fact]
    public async Task A_drop_that_failed_stays_past_the_retention_and_so_does_its_record()
    {
        File.WriteAllText(_data.File("store_status.csv"), Header + "a,active,2023-01-22 12:00:00 UTC\n");
        // No status column: the file as a whole cannot be read, so nothing of it is applied.
        var broken = _data.File("store_status_2023-01-22T13.csv");
        File.WriteAllText(broken, "store_id,timestamp_utc\na,2023-01-22 13:00:00 UTC\n");
        var first = await IngestAsync();
        _clock.Advance(Retention + Duration.FromDays(1));

        var due = await Runner().NeedsRunAsync(_data.Path);
        await IngestAsync();

        Assert.NotNull(first.Files.Single(file => file.File == broken).Error);
        Assert.False(due);
        Assert.True(File.Exists(broken));
        Assert.Contains(broken, await RecordedPathsAsync());
    }

    [Fact]
    public async Task A_store_status_file_and_the_snapshot_files_are_never_removed()
    {
        TestDataset.Write(_data.Path, stores: 5, seed: 42);
        await IngestAsync();
        var before = await RecordedPathsAsync();
        _clock.Advance(Retention * 3);

        var due = await Runner().NeedsRunAsync(_data.Path);
        await IngestAsync();

        Assert.False(due);
        Assert.Equal(3, before.Length);
        Assert.All(before, path => Assert.True(File.Exists(path), path));
        Assert.Equal(before, await RecordedPathsAsync());
    }

    [Fact]
    public async Task A_retention_of_zero_keeps_every_drop()
    {
        var upload = await UploadAsync("kept,active,2023-01-22 12:00:00 UTC\n");
        await StoreMonitorCluster.IngestAsync(Runner("00:00:00"), _data.Path);
        _clock.Advance(Duration.FromDays(365));

        var due = await Runner("00:00:00").NeedsRunAsync(_data.Path);
        await StoreMonitorCluster.IngestAsync(Runner("00:00:00"), _data.Path);

        Assert.False(due);
        Assert.True(File.Exists(upload));
        Assert.Contains(upload, await RecordedPathsAsync());
        Assert.True(Directory.Exists(Inbox));
    }
}
