using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary><c>GET /ingestion/runs</c> and each run's rejected rows as a CSV an operator can download.</summary>
public sealed class IngestionRunsApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"),
            "store_id,status,timestamp_utc\n" +
            "a,active,2023-01-22 12:00:00 UTC\n" +
            "a,maybe,2023-01-22 13:00:00 UTC\n" +
            "=1+1,active,never\n");
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\na,9,09:00,17:00\n");
        _host = await ApiHost.StartAsync(_data.Path, _database.File("grains.db"), "--StoreMonitor:ScanInterval=00:00:00");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_runs_rejected_rows_download_as_file_line_reason_raw()
    {
        var lastRun = (await _host.WaitForIngestionAsync()).GetProperty("last_run");
        var link = lastRun.GetProperty("rejects_csv").GetString();

        var response = await _host.Client.GetAsync(link);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            [
                "file,line,reason,raw",
                "store_status.csv,3,status 'maybe' is neither 'active' nor 'inactive',\"a,maybe,2023-01-22 13:00:00 UTC\"",
                // A value a spreadsheet would run as a formula is made text.
                "store_status.csv,4,timestamp_utc 'never' is not a valid UTC timestamp,\"'=1+1,active,never\"",
                "menu_hours.csv,2,dayOfWeek '9' is not 0 (Monday) to 6 (Sunday),\"a,9,09:00,17:00\"",
            ],
            lines);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_and_each_can_be_looked_up()
    {
        var first = (await _host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();
        File.AppendAllText(_data.File("store_status.csv"), "a,inactive,2023-01-22 14:00:00 UTC\n");
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Client.PostAsync("/ingestion", null)).StatusCode);
        var second = (await _host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();

        var runs = JsonDocument.Parse(await _host.Client.GetStringAsync("/ingestion/runs")).RootElement.EnumerateArray().ToArray();
        var one = JsonDocument.Parse(await _host.Client.GetStringAsync($"/ingestion/runs/{first}")).RootElement;
        var unknown = await _host.Client.GetAsync($"/ingestion/runs/{Guid.NewGuid():N}/rejects.csv");
        var badLimit = await _host.Client.GetAsync("/ingestion/runs?limit=0");

        Assert.Equal([second, first], runs.Select(run => run.GetProperty("run_id").GetString()));
        Assert.Equal(["Completed", "Completed"], runs.Select(run => run.GetProperty("outcome").GetString()));
        Assert.True(runs[0].GetProperty("run_number").GetInt64() > runs[1].GetProperty("run_number").GetInt64());
        Assert.Equal(3, one.GetProperty("files").EnumerateArray().Sum(file => file.GetProperty("rejected").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task A_report_as_of_before_the_retention_horizon_is_refused_and_one_inside_is_accepted()
    {
        await _host.WaitForIngestionAsync();

        // The latest poll is 2023-01-22 12:00 (the later rows are rejected); 30 days before it is 2022-12-23 12:00.
        var tooOld = await _host.Client.PostAsync("/trigger_report?as_of=2022-12-23T11:59:59Z", null);
        var inside = await _host.Client.PostAsync("/trigger_report?as_of=2022-12-23T12:00:00Z", null);

        Assert.Equal(HttpStatusCode.BadRequest, tooOld.StatusCode);
        var problem = JsonDocument.Parse(await tooOld.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("retention horizon", problem.GetProperty("detail").GetString());
        Assert.Contains("2022-12-23T12:00:00Z", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, inside.StatusCode);
    }
}
