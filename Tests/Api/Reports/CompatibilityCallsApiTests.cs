using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// The calls clients written against other versions of this API make (README, "Clients of other versions"): each
/// answers as the call it maps to.
/// </summary>
[Collection(nameof(ReportOptionsFixture))]
public sealed class CompatibilityCallsApiTests(ReportOptionsFixture fixture)
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Get_trigger_report_works_as_post_with_the_options_in_the_query()
    {
        var triggered = await Client.GetAsync(
            "/trigger_report?as_of=2023-01-25T06:00:00Z&windows=month,jan:2023-01-01T00:00:00Z/2023-01-20T00:00:00Z,hour&include_percent=true&store_prefix=100000");
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var options = new ReportOptions(
            [UptimeWindow.Month, UptimeWindow.Range("jan", Instant.FromUtc(2023, 1, 1, 0, 0), Instant.FromUtc(2023, 1, 20, 0, 0)), UptimeWindow.Hour],
            StorePrefix: "100000",
            IncludePercent: true);
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        Assert.Equal($"/get_report?report_id={reportId}", triggered.Headers.Location?.OriginalString);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, options, Instant.FromUtc(2023, 1, 25, 6, 0))), csv);
    }

    [Fact]
    public async Task Get_trigger_report_without_options_is_the_SPEC_report()
    {
        var triggered = await Client.GetAsync("/trigger_report?as_of=2023-01-25T07:00:00Z");
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, Instant.FromUtc(2023, 1, 25, 7, 0))), csv);
    }

    [Fact]
    public async Task Get_trigger_report_with_a_body_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/trigger_report") { Content = new StringContent("""{"windows": ["month"]}""", Encoding.UTF8, "application/json") };

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("in the query", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/get_report_file/{0}")]
    [InlineData("/reports/{0}.csv")]
    public async Task The_file_download_calls_answer_the_csv_as_get_report_does(string path)
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"as_of": "2023-01-25T08:00:00Z", "windows": ["week", "month"]}""");
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var response = await Client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, reportId));
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, reportId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Complete", response.Headers.GetValues("X-Report-Status").Single());
        Assert.Equal(csv, await response.Content.ReadAsStringAsync());
        Assert.Equal(Encoding.UTF8.GetByteCount(csv), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/get_report_file/" + UnknownId, HttpStatusCode.NotFound, "Unknown report")]
    [InlineData("/reports/" + UnknownId + ".csv", HttpStatusCode.NotFound, "Unknown report")]
    [InlineData("/get_report_file/nope", HttpStatusCode.BadRequest, "Malformed report_id")]
    [InlineData("/reports/nope.csv", HttpStatusCode.BadRequest, "Malformed report_id")]
    public async Task The_file_download_calls_answer_a_problem_for_an_unknown_or_malformed_id(string path, HttpStatusCode expected, string title)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Accept_json_without_a_format_gets_the_complete_status_with_its_download_url()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"as_of": "2023-01-25T09:00:00Z"}""");
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var status = await GetAsync($"/get_report?report_id={reportId}", "application/json");
        var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        var download = await Client.GetAsync(body.GetProperty("download_url").GetString());

        Assert.Equal("application/json", status.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Complete", body.GetProperty("status").GetString());
        Assert.Equal($"/reports/{reportId}.csv", body.GetProperty("download_url").GetString());
        Assert.Equal(csv, await download.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("text/csv, application/json;q=0.5")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    public async Task Accept_headers_that_do_not_prefer_json_keep_the_csv(string accept)
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"as_of": "2023-01-25T09:00:00Z"}""");
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var response = await GetAsync($"/get_report?report_id={reportId}", accept);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_explicit_format_decides_even_with_accept_json()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"as_of": "2023-01-25T09:00:00Z"}""");
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var rows = JsonDocument.Parse(await (await GetAsync($"/get_report?report_id={reportId}&format=json", "application/json")).Content.ReadAsStringAsync()).RootElement;
        var csv = await GetAsync($"/get_report?report_id={reportId}&format=csv", "application/json");

        Assert.True(rows.GetProperty("rows").GetArrayLength() > 100);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return Client.SendAsync(request);
    }
}
