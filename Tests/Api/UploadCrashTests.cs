using System.Net;
using System.Text;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The promise of <c>POST /ingestion/files</c>'s <c>202</c>: the upload survives the host being killed with SIGKILL
/// before it is ingested, and the restarted host ingests it, and the run the kill cut short, exactly once.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class UploadCrashTests : IDisposable
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";

    // The lease duration stays the default: the restarted host sees the killed one is gone and takes over at once.
    private static readonly string[] Settings = ["--StoreMonitor:ScanInterval=00:00:00"];

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    public void Dispose()
    {
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task An_upload_accepted_during_a_run_survives_kill_9_and_is_ingested_once_after_the_restart()
    {
        // Enough stores that the run started first is still going when the upload arrives.
        TestDataset.Write(_data.Path, stores: 2000, seed: 81);
        var database = _database.File("grains.db");

        HttpResponseMessage upload;
        JsonElement accepted;
        await using (var first = await ApiProcess.StartAsync(_data.Path, database, [.. Settings, "--StoreMonitor:IngestOnStart=false"]))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await first.Client.PostAsync("/ingestion?full=true", null)).StatusCode);
            upload = await first.Client.PostAsync("/ingestion/files",
                new StringContent(PollsHeader + "survivor,active,2023-01-25 18:05:00 UTC\nsurvivor,inactive,2023-01-25 18:50:00 UTC\n", Encoding.UTF8, "text/csv"));
            accepted = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
            await first.KillAsync();
        }

        // The upload was not ingested by then: the run in progress held the lease, so it was only queued.
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("run_id").ValueKind);
        Assert.True(File.Exists(_data.File(accepted.GetProperty("file").GetString()!)), "the accepted upload is not on disk after the kill");

        await using var second = await ApiProcess.StartAsync(_data.Path, database, Settings);
        var ingestion = await WaitForCompletedRunAsync(second.Client);
        Assert.True(ingestion.GetProperty("last_run").GetProperty("error").ValueKind == JsonValueKind.Null, $"the run after the restart failed: {ingestion}\n{second.Output}");

        var store = JsonDocument.Parse(await second.Client.GetStringAsync("/stores/survivor")).RootElement;
        Assert.Equal(2, store.GetProperty("poll_count").GetInt32());

        // Every poll of the files, the upload's included, counted once: the report equals the engine run on the files.
        var csv = await ReportsOverHttp.CsvAsync(second.Client, await ReportsOverHttp.TriggerAsync(second.Client), TimeSpan.FromMinutes(2));
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), csv);
    }

    /// <summary>Waits until a run completes after the restart, and nothing runs.</summary>
    private static async Task<JsonElement> WaitForCompletedRunAsync(HttpClient client)
    {
        // Well inside the two-minute lease: the successor must not wait for the killed run's lease to lapse.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync("/ingestion")).RootElement;
            var done = status.GetProperty("state").GetString() == "Idle"
                && status.GetProperty("last_run") is { ValueKind: JsonValueKind.Object } last
                && last.GetProperty("stores_updated").GetInt32() > 0;
            if (done || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(250);
        }
    }
}
