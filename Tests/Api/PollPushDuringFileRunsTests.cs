using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// <c>POST /polls</c> beside real file runs of the same host: refused (503, Retry-After, nothing stored) while a run
/// holds the ingestion lease or an abandoned run's data is pending, and accepted once a file run has completed, with
/// a report then counting the file's polls and the pushed ones.
/// </summary>
/// <remarks>Slow: each refusal waits out the push's real five-second wait for the lease.</remarks>
[Trait("Category", TestCategories.Slow)]
public sealed class PollPushDuringFileRunsTests : IAsyncLifetime
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";
    private const string FiledPolls = "filed,active,2023-01-22 12:00:00 UTC\nfiled,inactive,2023-01-22 14:00:00 UTC\n";
    private const string PushedPoll = "pushed,active,2023-01-22 13:00:00 UTC\n";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;
    private CallGate? _gate;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), PollsHeader + FiledPolls);
        _host = await ApiHost.StartAsync(
            _data.Path,
            _database.File("grains.db"),
            builder => CallGate.Install(builder.Services, () => _gate),
            configureApp: null,
            "--StoreMonitor:IngestOnStart=false",
            "--StoreMonitor:ScanInterval=00:00:00");
    }

    public async Task DisposeAsync()
    {
        _gate?.Release();
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_push_while_a_file_run_is_held_part_way_is_a_503_storing_nothing_then_is_accepted_and_a_report_counts_both()
    {
        // The run is held at the filed store's update: it has read the file and holds the lease.
        _gate = new CallGate(nameof(IStoreGrain.Ingest), "filed");
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostAsync("/ingestion", null)).StatusCode);
        await _gate.Entered;
        var whileHeld = JsonDocument.Parse(await _host.Client.GetStringAsync("/ingestion")).RootElement.GetProperty("current_run");

        var refused = await PushAsync();
        var detail = (await JsonAsync(refused)).GetProperty("detail").GetString();
        var storedDuringRun = (await _host.Client.GetAsync("/stores/pushed")).StatusCode;

        _gate.Release();
        var afterRun = await _host.WaitForIngestionAsync();
        var accepted = await PushAsync();
        var body = await JsonAsync(accepted);
        var reportId = await ReportsOverHttp.TriggerAsync(_host.Client);
        var report = await ReportsOverHttp.CsvAsync(_host.Client, reportId, TimeSpan.FromSeconds(60));

        Assert.False(whileHeld.GetProperty("push").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains($"Ingestion run {whileHeld.GetProperty("run_number").GetInt64()} is in progress", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, storedDuringRun);
        Assert.Equal(whileHeld.GetProperty("run_id").GetString(), afterRun.GetProperty("last_run").GetProperty("run_id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, body.GetProperty("accepted").GetInt64());
        // The report over the run's file and the push is the report over one file holding both.
        Assert.Equal(ReferenceReport(PollsHeader + FiledPolls + PushedPoll), report);
    }

    [Fact]
    public async Task A_push_while_an_abandoned_runs_data_is_pending_starts_the_file_run_that_ends_the_wait_and_is_stored_after_it()
    {
        // A host that stops mid-run gives its lease up unfinished: its data is pending until a successor completes. The
        // scan is off here, so nothing but the push itself starts that successor.
        var ledger = _host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var abandoned = await ledger.TryBegin(new IngestionRunInfo(Guid.NewGuid().ToString("N"), _data.Path, SystemClock.Instance.GetCurrentInstant()));
        Assert.NotNull(abandoned);
        await ledger.Release(abandoned.RunId);
        var pending = JsonDocument.Parse(await _host.Client.GetStringAsync("/ingestion")).RootElement;

        var accepted = await PushAsync();
        var after = JsonDocument.Parse(await _host.Client.GetStringAsync("/ingestion")).RootElement;

        Assert.Equal("Pending", pending.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, (await JsonAsync(accepted)).GetProperty("accepted").GetInt64());
        // The push was stored only once the successor had completed: a later run number than that run's.
        var successor = after.GetProperty("last_run");
        Assert.Equal(abandoned.RunId, after.GetProperty("last_abandoned").GetProperty("run_id").GetString());
        Assert.Equal(successor.GetProperty("run_id").GetString(), after.GetProperty("last_abandoned").GetProperty("successor_run_id").GetString());
        Assert.False(after.GetProperty("last_abandoned").GetProperty("data_pending").GetBoolean());
        Assert.True((await JsonAsync(accepted)).GetProperty("run_number").GetInt64() > successor.GetProperty("run_number").GetInt64());
    }

    private string ReferenceReport(string polls)
    {
        using var both = new TempDirectory();
        File.WriteAllText(both.File("store_status.csv"), polls);
        return Encoding.UTF8.GetString(EngineReference.Compute(both.Path));
    }

    private Task<HttpResponseMessage> PushAsync()
    {
        var content = new StringContent(PollsHeader + PushedPoll, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return _host.Client.PostAsync("/polls", content);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
