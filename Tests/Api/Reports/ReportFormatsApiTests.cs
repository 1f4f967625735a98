using System.Net;
using System.Text.Json;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// A complete report as JSON and NDJSON (docs/REPORTS.md#formats): each row its CSV line, value for value, with the
/// CSV's column names as keys; CSV stays the default.
/// </summary>
[Collection(nameof(ReportOptionsFixture))]
public sealed class ReportFormatsApiTests(ReportOptionsFixture fixture)
{
    // Shares, and a minute at 03:00Z when some stores are closed (null shares).
    private const string WithShares = """
        {"as_of": "2023-01-25T12:00:00Z", "include_percent": true,
         "windows": ["day", "month", {"name": "night", "from": "2023-01-24T03:00:00Z", "to": "2023-01-24T03:01:00Z"}]}
        """;

    private HttpClient Client => fixture.Host.Client;

    [Theory]
    [InlineData(WithShares)]
    [InlineData("""{"as_of": "2023-01-25T12:00:00Z"}""")]
    public async Task Json_rows_equal_the_csv_rows(string body)
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, body);
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var response = await Client.GetAsync($"/get_report?report_id={reportId}&format=json");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Complete", response.Headers.GetValues("X-Report-Status").Single());
        Assert.Equal(reportId, json.GetProperty("report_id").GetString());
        Assert.Equal("Complete", json.GetProperty("status").GetString());
        Assert.Equal("2023-01-25T12:00:00Z", json.GetProperty("as_of").GetString());
        var lines = CsvLines(csv);
        Assert.Equal<string>(lines[0], json.GetProperty("columns").EnumerateArray().Select(column => column.GetString()!));
        AssertRowsEqual(lines, [.. json.GetProperty("rows").EnumerateArray()]);
    }

    [Fact]
    public async Task Ndjson_lines_equal_the_csv_rows()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, WithShares);
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var response = await Client.GetAsync($"/get_report?report_id={reportId}&format=ndjson");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        AssertRowsEqual(CsvLines(csv), [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)]);
    }

    [Fact]
    public async Task Csv_stays_the_default_and_format_csv_asks_for_it()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, WithShares);
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var explicitCsv = await Client.GetAsync($"/get_report?report_id={reportId}&format=csv");

        Assert.Equal("text/csv", explicitCsv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csv, await explicitCsv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_with_a_format_answers_its_headers_without_a_body()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, WithShares);
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/get_report?report_id={reportId}&format=ndjson"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/x-ndjson", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("JSON")]
    [InlineData("")]
    public async Task An_unknown_format_is_refused_naming_the_formats(string format)
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, WithShares);

        var response = await Client.GetAsync($"/get_report?report_id={reportId}&format={format}");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid format", problem.GetProperty("title").GetString());
        Assert.Contains("csv (the default), json or ndjson", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string[][] CsvLines(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];

    /// <summary>Each JSON row has the CSV's columns as keys, in order; its store id and its numbers are the CSV's text.</summary>
    private static void AssertRowsEqual(string[][] csv, JsonElement[] rows)
    {
        var header = csv[0];
        Assert.Equal(csv.Length - 1, rows.Length);
        Assert.Contains(rows, row => row.EnumerateObject().Any(value => value.Value.ValueKind == JsonValueKind.Null) || header.Length == 7);
        for (var i = 0; i < rows.Length; i++)
        {
            var properties = rows[i].EnumerateObject().ToArray();
            Assert.Equal(header, properties.Select(property => property.Name));
            Assert.Equal(csv[i + 1][0], properties[0].Value.GetString());
            for (var column = 1; column < header.Length; column++)
            {
                var value = properties[column].Value;
                Assert.Equal(csv[i + 1][column], value.ValueKind == JsonValueKind.Null ? string.Empty : value.GetRawText());
                Assert.True(value.ValueKind is JsonValueKind.Number or JsonValueKind.Null, $"{header[column]} is {value.ValueKind}");
            }
        }
    }
}
