using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using StoreMonitor.Engine;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// The report API against the real host: Kestrel on loopback, an in-process silo, grain state in SQLite. These tests
/// only trigger and read, so they share one host (<see cref="ReportApiHost"/>); the ones that restart it or hold its
/// ingestion are <see cref="ReportApiLifecycleTests"/>.
/// </summary>
public sealed class ReportApiTests(ReportApiHost fixture) : IClassFixture<ReportApiHost>
{
    private ApiHost Host => fixture.Host;

    private string DataDirectory => fixture.DataDirectory;

    private Task<string> TriggerAsync(HttpContent? body = null, string query = "") => fixture.TriggerAsync(body, query);

    [Fact]
    public async Task Trigger_poll_and_download_gives_the_report_of_the_data_directory()
    {
        var reportId = await TriggerAsync();

        var response = await Host.WaitForReportAsync(reportId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Complete", response.Headers.GetValues("X-Report-Status").Single());
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_report_time_can_be_given_in_a_json_body()
    {
        var asOf = TestDataset.DefaultEnd - Duration.FromHours(50);
        var reportId = await TriggerAsync(JsonContent.Create(new { as_of = InstantPattern.ExtendedIso.Format(asOf) }));

        var response = await Host.WaitForReportAsync(reportId);

        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory, asOf)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_report_time_can_be_given_in_the_query()
    {
        var asOf = Instant.FromUtc(2023, 1, 20, 5, 30);
        var reportId = await TriggerAsync(query: "?as_of=" + Uri.EscapeDataString(OffsetDateTimePattern.ExtendedIso.Format(asOf.WithOffset(Offset.Zero))));

        var response = await Host.WaitForReportAsync(reportId);

        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory, asOf)), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("?as_of=yesterday", null)]
    [InlineData("", "{\"as_of\": \"2023-02-30T00:00:00Z\"}")]
    [InlineData("", "{\"as_of\": 12}")]
    [InlineData("", "{not json")]
    public async Task A_malformed_as_of_is_a_bad_request_with_problem_details(string query, string? body)
    {
        var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Host.Client.PostAsync($"/trigger_report{query}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("as_of", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/get_report", HttpStatusCode.BadRequest)]
    [InlineData("/get_report?report_id=", HttpStatusCode.BadRequest)]
    [InlineData("/get_report?report_id=not-a-report", HttpStatusCode.BadRequest)]
    [InlineData("/get_report?report_id=0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    public async Task Missing_malformed_and_unknown_report_ids_are_problems(string url, HttpStatusCode expected)
    {
        var response = await Host.Client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_ingestion_endpoint_reports_the_last_run()
    {
        var status = await Host.WaitForIngestionAsync();

        var files = status.GetProperty("last_run").GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(3, files.Length);
        Assert.All(files, file => Assert.Equal(0, file.GetProperty("rejected").GetInt64()));
        Assert.Equal(150, status.GetProperty("last_run").GetProperty("stores_updated").GetInt32());
    }

    [Fact]
    public async Task A_store_can_be_looked_up_with_its_timeline_of_the_last_week()
    {
        var report = Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory));
        var storeId = report.Split('\n')[1].Split(',')[0];

        var store = JsonDocument.Parse(await Host.Client.GetStringAsync($"/stores/{storeId}")).RootElement;
        var timeline = JsonDocument.Parse(await Host.Client.GetStringAsync($"/stores/{storeId}/timeline")).RootElement;
        var unknown = await Host.Client.GetAsync("/stores/no-such-store");

        Assert.Equal(storeId, store.GetProperty("store_id").GetString());
        Assert.True(store.GetProperty("poll_count").GetInt32() > 0);
        Assert.Equal(store.GetProperty("latest_poll").GetString(), timeline.GetProperty("to").GetString());
        var segments = timeline.GetProperty("segments").EnumerateArray().ToArray();
        Assert.NotEmpty(segments);
        Assert.All(segments, segment => Assert.Contains(segment.GetProperty("status").GetString(), new[] { "active", "inactive" }));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // The timeline is the week the report's last-week figures measure: its up and down segments add up to the
        // store's row in a report as of the same instant.
        var asOf = InstantPattern.ExtendedIso.Parse(timeline.GetProperty("to").GetString()!).Value;
        var row = Encoding.UTF8.GetString(EngineReference.Compute(DataDirectory, asOf)).Split('\n').Single(line => line.StartsWith(storeId + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(row[3], WeekHours(segments, "active"));
        Assert.Equal(row[6], WeekHours(segments, "inactive"));
    }

    /// <summary>The segments of one status added up in hours, written as the report writes its week columns.</summary>
    private static string WeekHours(JsonElement[] segments, string status)
    {
        var total = segments
            .Where(segment => segment.GetProperty("status").GetString() == status)
            .Select(segment => InstantPattern.ExtendedIso.Parse(segment.GetProperty("end").GetString()!).Value - InstantPattern.ExtendedIso.Parse(segment.GetProperty("start").GetString()!).Value)
            .Aggregate(Duration.Zero, (sum, length) => sum + length);
        return ReportCsv.Hours(total).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
