using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>The API host looks at its data directory every <c>StoreMonitor:ScanInterval</c> and ingests what is new.</summary>
public sealed class IngestionScanTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 10, seed: 31);
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:01");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    [Trait("Category", TestCategories.Slow)] // waits out real scan intervals, and one more to see it start no run
    public async Task A_new_hourly_file_is_picked_up_by_the_scan_and_read_once()
    {
        var first = (await _host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();
        File.WriteAllText(_data.File("store_status_2023-01-25T19.csv"), "store_id,status,timestamp_utc\ndropped,active,2023-01-25 19:05:00 UTC\n");

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        HttpResponseMessage store;
        while ((store = await _host.Client.GetAsync("/stores/dropped")).StatusCode == HttpStatusCode.NotFound && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var status = await _host.WaitForIngestionAsync();
        var lastRun = status.GetProperty("last_run");
        // Later scans find nothing new and start no run.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var later = (await _host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();

        Assert.Equal(HttpStatusCode.OK, store.StatusCode);
        Assert.NotEqual(first, lastRun.GetProperty("run_id").GetString());
        var drop = lastRun.GetProperty("files").EnumerateArray().Single(file => file.GetProperty("file").GetString()!.EndsWith("store_status_2023-01-25T19.csv", StringComparison.Ordinal));
        Assert.Equal((false, 1L), (drop.GetProperty("unchanged").GetBoolean(), drop.GetProperty("rows_read").GetInt64()));
        Assert.Equal(lastRun.GetProperty("run_id").GetString(), later);
        Assert.Equal(JsonValueKind.Number, lastRun.GetProperty("run_number").ValueKind);
    }
}
