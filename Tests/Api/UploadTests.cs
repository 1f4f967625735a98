using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary><c>POST /ingestion/files</c>: a CSV pushed to the service is stored durably, then ingested like a scanned file.</summary>
public sealed class UploadTests : IAsyncLifetime
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    private string DatabasePath => _database.File("grains.db");

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), PollsHeader + "a,active,2023-01-22 12:00:00 UTC\n");
        _host = await StartHostAsync();
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    private Task<ApiHost> StartHostAsync() =>
        ApiHost.StartAsync(_data.Path, DatabasePath, "--StoreMonitor:ScanInterval=00:00:00", "--StoreMonitor:Limits:MaxUploadBytes=4096");

    private async Task<JsonElement> WaitForStoreAsync(string storeId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        HttpResponseMessage response;
        while ((response = await _host.Client.GetAsync($"/stores/{storeId}")).StatusCode == HttpStatusCode.NotFound && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_raw_csv_upload_is_accepted_with_a_run_id_and_ingested()
    {
        var content = new StringContent(PollsHeader + "pushed,inactive,2023-01-22 13:00:00 UTC\n", Encoding.UTF8, "text/csv");

        var response = await _host.Client.PostAsync("/ingestion/files?name=store_status_2023-01-22T13.csv", content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var store = await WaitForStoreAsync("pushed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("StoreStatus", body.GetProperty("kind").GetString());
        Assert.StartsWith("inbox/store_status_upload_", body.GetProperty("file").GetString());
        Assert.Equal(32, body.GetProperty("run_id").GetString()!.Length);
        Assert.Equal(1, store.GetProperty("poll_count").GetInt32());
    }

    [Fact]
    public async Task A_multipart_upload_without_a_known_name_is_recognised_by_its_header()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("store_id,timezone_str\na,Asia/Kolkata\n", Encoding.UTF8, "text/csv"), "file", "zones-from-the-crm.csv");

        var response = await _host.Client.PostAsync("/ingestion/files", form);
        await Task.Delay(200);
        var status = await _host.WaitForIngestionAsync();
        var store = await WaitForStoreAsync("a");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(File.Exists(_data.File("timezones.csv")));
        Assert.Equal("TimeZones", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("kind").GetString());
        Assert.Equal("Idle", status.GetProperty("state").GetString());
        Assert.Equal("Asia/Kolkata", store.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_and_leaves_nothing_behind()
    {
        var content = new StringContent(PollsHeader + string.Concat(Enumerable.Repeat("big,active,2023-01-22 13:00:00 UTC\n", 200)), Encoding.UTF8, "text/csv");

        var response = await _host.Client.PostAsync("/ingestion/files?name=store_status_big.csv", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // Refused from its declared size before anything is written: the inbox may not even exist.
        Assert.False(Directory.Exists(_data.File("inbox")) && Directory.EnumerateFiles(_data.File("inbox")).Any());
    }

    [Fact]
    public async Task An_upload_accepted_before_the_host_stops_is_ingested_after_the_restart()
    {
        // A run holds the lease, so the upload cannot be ingested before the host goes away.
        var status = _host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var held = await status.TryBegin(new IngestionRunInfo(Guid.NewGuid().ToString("N"), _data.Path, SystemClock.Instance.GetCurrentInstant()));
        Assert.NotNull(held);
        var response = await _host.Client.PostAsync("/ingestion/files", new StringContent(PollsHeader + "survivor,active,2023-01-22 14:00:00 UTC\n", Encoding.UTF8, "text/csv"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var stored = _data.File(body.GetProperty("file").GetString()!);
        var before = await _host.Client.GetAsync("/stores/survivor");
        await status.Release(held.RunId);
        await _host.DisposeAsync();

        _host = await StartHostAsync();
        var store = await WaitForStoreAsync("survivor");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("run_id").ValueKind);
        Assert.True(File.Exists(stored));
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(1, store.GetProperty("poll_count").GetInt32());
    }
}
