using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// One real host (Kestrel, in-process silo, SQLite, Development environment) over a small dataset with the awkward
/// rows a careless or hostile data drop has: store ids with reserved URL characters, an over-long row, a control
/// character. Shared by the robustness tests, which only read, except for the stores they delete themselves.
/// </summary>
public sealed class RobustnessFixture : IAsyncLifetime
{
    public const string ThrowingPath = "/test-only/throw";

    /// <summary>A message an exception carries that must never reach a client.</summary>
    public const string SecretMessage = "/var/secret/internal/path.db";

    /// <summary>Ids the CSV accepts that need percent-encoding in a URL (and two that need none).</summary>
    public static readonly string[] AwkwardIds = ["a/b", "x%2Fy", "100%", "a b", "q?x#y", "店舗-1", "timeline", "a/timeline", "+plus+", "..."];

    /// <summary>Stores the delete tests remove; the one with the latest poll of all is among them.</summary>
    public static readonly string[] DeletableIds = ["del/1", "del-2"];

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    public ApiHost Host { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    /// <summary>The 1-based line of the over-long row in store_status.csv, and of the row with a NUL in its id.</summary>
    public int OverlongLine { get; private set; }

    public int ControlCharacterLine { get; private set; }

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 12, seed: 5);
        AppendAwkwardRows();
        Host = await ApiHost.StartAsync(
            _data.Path,
            _database.File("storemonitor.db"),
            configureBuilder: null,
            configureApp: app => app.MapGet(ThrowingPath, (HttpContext _) => throw new InvalidOperationException($"Could not open {SecretMessage}")),
            "--environment=Development",
            // These tests send many triggers a minute; the rate limit has tests of its own.
            "--StoreMonitor:RateLimit:TriggerReportPerMinute=0",
            // The edges of the supported range (1900, 2199) lie far outside the retention horizon, which would refuse them.
            "--StoreMonitor:RetentionDays=0");
        await Host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    /// <summary>A copy of the data directory without the rows of <paramref name="storeIds"/>, for the engine reference.</summary>
    public string CopyWithout(TempDirectory target, params string[] storeIds)
    {
        foreach (var file in Directory.GetFiles(_data.Path))
        {
            var lines = File.ReadAllLines(file).Where(line => !storeIds.Any(id => line.StartsWith(id + ",", StringComparison.Ordinal)));
            File.WriteAllLines(Path.Combine(target.Path, Path.GetFileName(file)), lines);
        }

        return target.Path;
    }

    private void AppendAwkwardRows()
    {
        var polls = _data.File("store_status.csv");
        var lines = File.ReadAllLines(polls).Length;
        var rows = new StringBuilder();
        foreach (var id in AwkwardIds)
        {
            rows.Append(Quote(id)).Append(",active,2023-01-25 12:00:00 UTC\n");
            rows.Append(Quote(id)).Append(",inactive,2023-01-25 15:00:00 UTC\n");
        }

        rows.Append("del/1,active,2023-01-24 10:00:00 UTC\n");
        // The latest poll of the whole dataset: removing this store must move the default report time back.
        rows.Append("del/1,inactive,2023-01-26 10:00:00 UTC\n");
        rows.Append("del-2,active,2023-01-25 10:00:00 UTC\n");
        lines += AwkwardIds.Length * 2 + 3;
        OverlongLine = lines + 1;
        rows.Append('"').Append('X', 2_100_000).Append("\",active,2023-01-25 12:00:00 UTC\n");
        rows.Append("g5,active,2023-01-25 12:00:00 UTC\n");
        ControlCharacterLine = lines + 3;
        rows.Append("nul\0id,active,2023-01-25 12:00:00 UTC\n");
        File.AppendAllText(polls, rows.ToString());
    }

    private static string Quote(string id) => id.Contains('"') || id.Contains(',') ? $"\"{id.Replace("\"", "\"\"")}\"" : id;
}

[CollectionDefinition(nameof(RobustnessFixture))]
public sealed class RobustnessCollection : ICollectionFixture<RobustnessFixture>;
