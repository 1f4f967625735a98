using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// An uploaded drop past <c>StoreMonitor:Inbox:Retention</c> is removed by the next scan, though nothing on disk
/// changed; <c>GET /ingestion</c> lists it as removed by that run, and no later run lists it.
/// </summary>
public sealed class InboxRetentionApiTests : IAsyncLifetime
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), PollsHeader + "a,active,2023-01-22 12:00:00 UTC\n");
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:01", "--StoreMonitor:Inbox:Retention=00:00:02");
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    private static JsonElement? FileOf(JsonElement status, string name) =>
        status.GetProperty("last_run").GetProperty("files").EnumerateArray()
            .Select(file => (JsonElement?)file)
            .FirstOrDefault(file => Path.GetFileName(file!.Value.GetProperty("file").GetString()) == name);

    private async Task<JsonElement> StatusAsync() => JsonDocument.Parse(await _host.Client.GetStringAsync("/ingestion")).RootElement;

    [Fact]
    [Trait("Category", TestCategories.Slow)] // waits out the retention and a real scan interval
    public async Task A_drop_past_the_retention_is_removed_by_the_scan_and_listed_once_as_removed()
    {
        var upload = await _host.Client.PostAsync("/ingestion/files?name=store_status_pushed.csv",
            new StringContent(PollsHeader + "pushed,inactive,2023-01-22 13:00:00 UTC\n", Encoding.UTF8, "text/csv"));
        var stored = _data.File(JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("file").GetString()!);
        var name = Path.GetFileName(stored);

        JsonElement removing = default;
        await Waits.UntilAsync(async () =>
        {
            removing = await StatusAsync();
            return removing.GetProperty("state").GetString() == "Idle" && FileOf(removing, name) is { } file && file.GetProperty("removed").GetBoolean();
        }, TimeSpan.FromSeconds(30), "the scan removing the upload past its retention");
        var removingRun = removing.GetProperty("last_run").GetProperty("run_id").GetString();
        var start = await _host.Client.PostAsync("/ingestion", null);
        JsonElement next = default;
        await Waits.UntilAsync(async () =>
        {
            next = await StatusAsync();
            return next.GetProperty("state").GetString() == "Idle" && next.GetProperty("last_run").GetProperty("run_id").GetString() != removingRun;
        }, TimeSpan.FromSeconds(30), "the run asked for");
        var store = JsonDocument.Parse(await _host.Client.GetStringAsync("/stores/pushed")).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        Assert.False(File.Exists(stored));
        var removed = FileOf(removing, name)!.Value;
        Assert.Equal((true, 0L), (removed.GetProperty("unchanged").GetBoolean(), removed.GetProperty("rows_read").GetInt64()));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Null(FileOf(next, name));
        Assert.All(next.GetProperty("last_run").GetProperty("files").EnumerateArray(), file => Assert.False(file.GetProperty("removed").GetBoolean()));
        Assert.Equal(1, store.GetProperty("poll_count").GetInt32());
    }
}
