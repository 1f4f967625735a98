using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// What a user sees while a run's data is pending (the run was abandoned and no successor has completed): the host
/// is not ready and says why, <c>GET /ingestion</c> names the abandoned run and its successor, and a report waits
/// with the reason, then counts the successor's data.
/// </summary>
public sealed class AbandonedRunApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 30, seed: 8);
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:IngestOnStart=false", "--StoreMonitor:ScanInterval=00:00:00");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task While_an_abandoned_runs_data_is_pending_the_host_is_not_ready_and_reports_wait_then_count_the_successor()
    {
        // A host that stops mid-run gives its lease up unfinished.
        var ledger = _host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var abandoned = await ledger.TryBegin(new IngestionRunInfo(Guid.NewGuid().ToString("N"), _data.Path, SystemClock.Instance.GetCurrentInstant()));
        Assert.NotNull(abandoned);
        await ledger.Release(abandoned.RunId);

        var ready = await _host.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Data is pending", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pending = await IngestionAsync();
        Assert.Equal("Pending", pending.GetProperty("state").GetString());
        Assert.Equal(abandoned.RunId, pending.GetProperty("last_abandoned").GetProperty("run_id").GetString());
        Assert.True(pending.GetProperty("last_abandoned").GetProperty("data_pending").GetBoolean());

        var reportId = (await (await _host.Client.PostAsync("/trigger_report", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report_id").GetString();
        var waiting = await WaitForPhaseAsync(reportId!, "waiting-for-ingestion");
        Assert.Contains("abandoned", waiting.GetProperty("waiting_for").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostAsync("/ingestion", null)).StatusCode);
        var report = await _host.WaitForReportAsync(reportId!);

        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), await report.Content.ReadAsStringAsync());
        var recovered = await _host.WaitForIngestionAsync();
        var successor = recovered.GetProperty("last_run").GetProperty("run_id").GetString();
        Assert.Equal(successor, recovered.GetProperty("last_abandoned").GetProperty("successor_run_id").GetString());
        Assert.False(recovered.GetProperty("last_abandoned").GetProperty("data_pending").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_empty_upload_is_refused_as_unreadable()
    {
        var response = await _host.Client.PostAsync("/ingestion/files?name=store_status_empty.csv", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The upload is empty", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "inbox")) && Directory.EnumerateFiles(Path.Combine(_data.Path, "inbox"), "*.csv").Any());
    }

    private async Task<JsonElement> IngestionAsync() =>
        JsonDocument.Parse(await _host.Client.GetStringAsync("/ingestion")).RootElement;

    private async Task<JsonElement> WaitForPhaseAsync(string reportId, string phase)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var status = JsonDocument.Parse(await _host.Client.GetStringAsync($"/get_report?report_id={reportId}")).RootElement;
            if ((status.GetProperty("phase").GetString() == phase && status.TryGetProperty("waiting_for", out _)) || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }
}
