using System.Text;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// A file replaced while a run is under way (an upload, an editor saving) is recorded as the run read it, so the
/// next run sees that it changed and reads it again. Each run here is held at one store's update, after it has read
/// its files and before it records them, while the test replaces a file on disk.
/// </summary>
public sealed class FilesReplacedDuringARunTests : IAsyncLifetime
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";
    private const string ZonesHeader = "store_id,timezone_str\n";

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;
    private CallGate? _gate;

    private string Polls => _data.File("store_status.csv");

    private string Zones => _data.File("timezones.csv");

    public async Task InitializeAsync() =>
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"), configure: silo => CallGate.Install(silo, () => _gate));

    public async Task DisposeAsync()
    {
        _gate?.Release();
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_zone_file_uploaded_with_the_same_length_during_a_run_is_applied_by_the_next_run()
    {
        File.WriteAllText(Polls, PollsHeader + "x,active,2023-01-25 12:00:00 UTC\ny,active,2023-01-25 12:00:00 UTC\n");
        const string zones = ZonesHeader + "x,America/Chicago\ny,America/Denver\n";
        // The two stores swap zones: the same bytes in another order, so the file keeps its length.
        const string swapped = ZonesHeader + "x,America/Denver\ny,America/Chicago\n";
        File.WriteAllText(Zones, zones);

        var first = await IngestReplacingDuringTheRunAsync(store: "x", () => ReplaceAsAnUploadDoes(Zones, swapped));
        var second = await _cluster.IngestAsync(_data.Path);

        Assert.Equal(zones.Length, swapped.Length);
        Assert.Null(first.Error);
        Assert.False(FileNamed(second, "timezones.csv").Unchanged, "the replaced zone file was not read again");
        Assert.Equal("America/Denver", (await _cluster.Grains.GetGrain<IStoreGrain>("x").GetSummary()).ZoneId);
        Assert.Equal("America/Chicago", (await _cluster.Grains.GetGrain<IStoreGrain>("y").GetSummary()).ZoneId);
    }

    [Fact]
    public async Task A_polls_file_rewritten_with_another_prefix_during_a_run_is_read_whole_by_the_next_run()
    {
        const string polls = "a,active,2023-01-25 12:00:00 UTC\na,inactive,2023-01-25 13:00:00 UTC\nb,active,2023-01-25 12:00:00 UTC\n";
        File.WriteAllText(Polls, PollsHeader + polls);
        // Rewritten in place (as an editor saves): new rows in front, so every byte after the header moves.
        const string rewritten = "c,active,2023-01-25 11:00:00 UTC\na,inactive,2023-01-25 11:00:00 UTC\n" + polls;

        var first = await IngestReplacingDuringTheRunAsync(store: "a", () => RewriteInPlace(Polls, PollsHeader + rewritten));
        var second = await _cluster.IngestAsync(_data.Path);

        Assert.Null(first.Error);
        Assert.Equal(0, FileNamed(second, "store_status.csv").ReadFrom);
        Assert.Equal(
            (3, 1, 1),
            ((await _cluster.Grains.GetGrain<IStoreGrain>("a").GetSummary()).PollCount,
             (await _cluster.Grains.GetGrain<IStoreGrain>("b").GetSummary()).PollCount,
             (await _cluster.Grains.GetGrain<IStoreGrain>("c").GetSummary()).PollCount));
        var report = await _cluster.RunReportAsync("rewritten-polls");
        Assert.Equal(ReportState.Complete, report.State);
        Assert.Equal(
            Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)),
            Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, "rewritten-polls"))!));
    }

    /// <summary>
    /// Runs an ingestion held at <paramref name="store"/>'s update (its files read, nothing recorded yet) while
    /// <paramref name="replace"/> changes a file, then lets it finish.
    /// </summary>
    private async Task<IngestionSummary> IngestReplacingDuringTheRunAsync(string store, Action replace)
    {
        _gate = new CallGate(nameof(IStoreGrain.Ingest), store);
        var running = _cluster.IngestAsync(_data.Path);
        await _gate.Entered;
        replace();
        _gate.Release();
        return await running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>As <c>POST /ingestion/files</c> does: written beside the file, then moved over it.</summary>
    private static void ReplaceAsAnUploadDoes(string path, string content)
    {
        var temporary = path + ".upload";
        File.WriteAllText(temporary, content);
        MakeNewer(temporary, than: path);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>As an editor saves: the same file truncated and written again.</summary>
    private static void RewriteInPlace(string path, string content)
    {
        var before = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, before.AddSeconds(1));
    }

    // A file written within the file system's clock tick of the one it replaces could carry the same modification
    // time, and a run could not tell them apart by it; a real replacement comes later than that.
    private static void MakeNewer(string path, string than) =>
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(than).AddSeconds(1));

    private static FileIngestionSummary FileNamed(IngestionSummary summary, string name) =>
        summary.Files.Single(file => Path.GetFileName(file.File) == name);
}
