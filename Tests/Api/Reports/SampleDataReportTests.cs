using System.Text;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// The repository's <c>data/</c> sample, reported with no options, gives exactly the stored
/// <c>Fixtures/data-report/report.csv</c>: the file the service wrote before report options existed (commit 4ba389a),
/// so any change to the SPEC report's bytes shows here.
/// </summary>
/// <remarks>Every test asks for the default report of the same data, so the class shares one host (<see cref="SampleHost"/>).</remarks>
public sealed class SampleDataReportTests(SampleDataReportTests.SampleHost fixture) : IClassFixture<SampleDataReportTests.SampleHost>
{
    private static readonly string Expected = Path.Combine(AppContext.BaseDirectory, "Fixtures", "data-report", "report.csv");

    private ApiHost Host => fixture.Host;

    private TempDirectory Data => fixture.Data;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"as_of": null}""")]
    [InlineData("""{"windows": ["hour", "day", "week"]}""")]
    [InlineData("""{"windows": ["hour", "day", "week"], "include_percent": false}""")]
    public async Task A_report_without_options_is_the_stored_file_byte_for_byte(string? body)
    {
        var response = await Host.Client.PostAsync("/trigger_report", body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        var reportId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var csv = await ReportsOverHttp.CsvAsync(Host.Client, reportId, TimeSpan.FromSeconds(60));

        Assert.Equal(await File.ReadAllTextAsync(Expected), csv);
    }

    [Fact]
    public async Task A_report_as_of_the_latest_poll_is_the_stored_file_byte_for_byte()
    {
        var asOf = DatasetFacts.LatestPoll(Data.Path);
        var reportId = await ReportsOverHttp.TriggerAsync(Host.Client, $$"""{"as_of": "{{NodaTime.Text.InstantPattern.ExtendedIso.Format(asOf)}}"}""");

        var csv = await ReportsOverHttp.CsvAsync(Host.Client, reportId, TimeSpan.FromSeconds(60));

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

    /// <summary>A host over a copy of the repository's <c>data/</c>, started and ingested once for the class.</summary>
    public sealed class SampleHost : IAsyncLifetime
    {
        private readonly TempDirectory _database = new();

        public TempDirectory Data { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // A copy: ingestion may write beside the files it reads.
            foreach (var file in new[] { "store_status.csv", "menu_hours.csv", "timezones.csv" })
            {
                File.Copy(Path.Combine(SampleData(), file), Path.Combine(Data.Path, file));
            }

            Host = await ApiHost.StartAsync(Data.Path, _database.File("storemonitor.db"), "--StoreMonitor:RateLimit:TriggerReportPerMinute=0");
            await Host.WaitForIngestionAsync();
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Data.Dispose();
            _database.Dispose();
        }
    }
}
