using System.Text;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// The repository's <c>data/</c> sample, reported with no options, gives exactly the stored
/// <c>Fixtures/data-report/report.csv</c>: the file the service wrote before report options existed (commit 4ba389a),
/// so any change to the SPEC report's bytes shows here.
/// </summary>
public sealed class SampleDataReportTests : IAsyncLifetime
{
    private static readonly string Expected = Path.Combine(AppContext.BaseDirectory, "Fixtures", "data-report", "report.csv");

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        // A copy: ingestion may write beside the files it reads.
        foreach (var file in new[] { "store_status.csv", "menu_hours.csv", "timezones.csv" })
        {
            File.Copy(Path.Combine(SampleData(), file), Path.Combine(_data.Path, file));
        }

        _host = await ApiHost.StartAsync(_data.Path, _database.File("storemonitor.db"), "--StoreMonitor:RateLimit:TriggerReportPerMinute=0");
        await _host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"as_of": null}""")]
    [InlineData("""{"windows": ["hour", "day", "week"]}""")]
    [InlineData("""{"windows": ["hour", "day", "week"], "include_percent": false}""")]
    public async Task A_report_without_options_is_the_stored_file_byte_for_byte(string? body)
    {
        var response = await _host.Client.PostAsync("/trigger_report", body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        var reportId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var csv = await ReportsOverHttp.CsvAsync(_host.Client, reportId, TimeSpan.FromSeconds(60));

        Assert.Equal(await File.ReadAllTextAsync(Expected), csv);
    }

    [Fact]
    public async Task A_report_as_of_the_latest_poll_is_the_stored_file_byte_for_byte()
    {
        var asOf = DatasetFacts.LatestPoll(_data.Path);
        var reportId = await ReportsOverHttp.TriggerAsync(_host.Client, $$"""{"as_of": "{{NodaTime.Text.InstantPattern.ExtendedIso.Format(asOf)}}"}""");

        var csv = await ReportsOverHttp.CsvAsync(_host.Client, reportId, TimeSpan.FromSeconds(60));

        Assert.Equal(await File.ReadAllTextAsync(Expected), csv);
    }

    private static string SampleData()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StoreMonitor.sln")))
            {
                return Path.Combine(directory.FullName, "data");
            }
        }

        throw new InvalidOperationException("The repository's data/ directory was not found above the test binaries.");
    }
}
