using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The report API tests that change the host for good, by restarting it or holding its ingestion lease (which keeps
/// every report waiting): each starts a host of its own, so none of the shared-host <see cref="ReportApiTests"/> sees it.
/// </summary>
public sealed class ReportApiLifecycleTests : IAsyncLifetime
{
    private readonly ReportApiHost _fixture = new();

    private ApiHost Host => _fixture.Host;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_complete_report_is_still_served_after_the_host_restarts()
    {
        var reportId = await _fixture.TriggerAsync();
        var before = await (await Host.WaitForReportAsync(reportId)).Content.ReadAsStringAsync();
        var runBefore = (await Host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();

        await _fixture.RestartAsync();
        var response = await Host.Client.GetAsync($"/get_report?report_id={reportId}");
        var runAfter = (await Host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await response.Content.ReadAsStringAsync());
        // The same files were not read again at start-up.
        Assert.Equal(runBefore, runAfter);
    }

    [Fact]
    public async Task While_an_ingestion_runs_get_report_answers_running_json_then_the_csv()
    {
        var lease = Host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var run = new IngestionRunInfo("held-by-test", _fixture.DataDirectory, SystemClock.Instance.GetCurrentInstant());
        run = await lease.TryBegin(run);
        Assert.NotNull(run);
        var reportId = await _fixture.TriggerAsync();

        var running = await Host.Client.GetAsync($"/get_report?report_id={reportId}");
        var body = JsonDocument.Parse(await running.Content.ReadAsStringAsync()).RootElement;
        var last = (await lease.GetStatus()).LastRun!;
        await lease.Complete(last with { RunId = run.RunId }, files: null);
        var done = await Host.WaitForReportAsync(reportId);

        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal("application/json", running.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Running", body.GetProperty("status").GetString());
        Assert.Equal("waiting-for-ingestion", body.GetProperty("phase").GetString());
        Assert.Equal(reportId, body.GetProperty("report_id").GetString());
        Assert.Equal("Complete", done.Headers.GetValues("X-Report-Status").Single());
    }

    [Fact]
    public async Task A_deleted_store_stays_deleted_after_the_host_restarts()
    {
        // An explicit report time: the default (the latest poll) could move if the deleted store held it.
        var asOf = TestDataset.DefaultEnd - Duration.FromHours(3);
        var report = Encoding.UTF8.GetString(EngineReference.Compute(_fixture.DataDirectory, asOf));
        var storeId = report.Split('\n')[1].Split(',')[0];

        var deleted = await Host.Client.DeleteAsync($"/stores/{storeId}");
        await _fixture.RestartAsync();
        var lookup = await Host.Client.GetAsync($"/stores/{storeId}");
        var after = await (await Host.WaitForReportAsync(await _fixture.TriggerAsync(query: $"?as_of={asOf}"))).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        // The same files are not read again at start-up, so the store does not come back; every other row is unchanged.
        Assert.Equal(string.Join('\n', report.Split('\n').Where(line => !line.StartsWith(storeId + ",", StringComparison.Ordinal))), after);
    }
}
