using System.Net;
using System.Text.Json;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// While a report runs (here: queued behind a slot the test holds), the file download calls answer 409 with a problem
/// and get_report answers its status, <c>Running</c>; once it completes they answer its CSV.
/// </summary>
public sealed class RunningReportDownloadTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 30, seed: 21);
        _host = await ApiHost.StartAsync(_data.Path, _database.File("storemonitor.db"), "--StoreMonitor:MaxConcurrentReports=1");
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task The_downloads_answer_409_while_it_runs_and_the_csv_once_complete()
    {
        var queue = _host.Grains.GetGrain<IReportQueueGrain>(0);
        Assert.Equal(ReportAdmissionKind.Granted, (await queue.Enter("held-by-test", "held-by-test")).Kind);
        var reportId = await ReportsOverHttp.TriggerAsync(_host.Client, """{"windows": ["month"]}""");
        await WaitForPhaseAsync(reportId, "queued");

        var file = await _host.Client.GetAsync($"/get_report_file/{reportId}");
        var csv = await _host.Client.GetAsync($"/reports/{reportId}.csv");
        var status = JsonDocument.Parse(await _host.Client.GetStringAsync($"/get_report?report_id={reportId}")).RootElement;
        await queue.Leave("held-by-test", completed: true);
        var done = await ReportsOverHttp.CsvAsync(_host.Client, reportId, TimeSpan.FromSeconds(60));

        foreach (var response in new[] { file, csv })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Report running", problem.GetProperty("title").GetString());
            Assert.Contains("still running", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("Running", status.GetProperty("status").GetString());
        Assert.False(status.TryGetProperty("download_url", out _));
        Assert.Equal(done, await _host.Client.GetStringAsync($"/get_report_file/{reportId}"));
        Assert.Equal(done, await _host.Client.GetStringAsync($"/reports/{reportId}.csv"));
    }

    private async Task WaitForPhaseAsync(string reportId, string phase)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (JsonDocument.Parse(await _host.Client.GetStringAsync($"/get_report?report_id={reportId}")).RootElement.GetProperty("phase").GetString() != phase)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"report {reportId} never reached phase {phase}");
            await Task.Delay(50);
        }
    }
}
