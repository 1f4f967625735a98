using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// Report options over HTTP (docs/REPORTS.md): every window kind, named ranges, store subsets and prefixes, shares; the
/// rows checked against the engine run store by store on the same files, the options echoed, and reports with different
/// options never sharing a computation.
/// </summary>
[Collection(nameof(ReportOptionsFixture))]
public sealed class ReportOptionsApiTests(ReportOptionsFixture fixture)
{
    private static readonly Instant AsOf = Instant.FromUtc(2023, 1, 25, 12, 0);

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Every_window_kind_and_named_ranges_give_the_engines_rows()
    {
        // Ranges: across the US fall-back of 2022-11-06 (before the data), the last half hour (minutes), a day before
        // the data, a day after the report time, and a minute at 03:00Z when many stores are closed.
        const string body = """
            {"as_of": "2023-01-25T12:00:00Z", "include_percent": true, "windows": ["quarter", "hour", "month", "week", "day",
              {"name": "nov6", "from": "2022-11-06T00:00:00Z", "to": "2022-11-07T00:00:00Z"},
              {"name": "last_30min", "from": "2023-01-25T11:30:00Z", "to": "2023-01-25T12:00:00Z"},
              {"name": "before_data", "from": "2022-12-01T00:00:00Z", "to": "2022-12-02T00:00:00Z"},
              {"name": "after_as_of", "from": "2023-01-26T00:00:00Z", "to": "2023-01-27T00:00:00Z"},
              {"name": "night", "from": "2023-01-24T03:00:00Z", "to": "2023-01-24T03:01:00Z"}]}
            """;
        var options = new ReportOptions(
        [
            UptimeWindow.Quarter, UptimeWindow.Hour, UptimeWindow.Month, UptimeWindow.Week, UptimeWindow.Day,
            UptimeWindow.Range("nov6", Instant.FromUtc(2022, 11, 6, 0, 0), Instant.FromUtc(2022, 11, 7, 0, 0)),
            UptimeWindow.Range("last_30min", Instant.FromUtc(2023, 1, 25, 11, 30), Instant.FromUtc(2023, 1, 25, 12, 0)),
            UptimeWindow.Range("before_data", Instant.FromUtc(2022, 12, 1, 0, 0), Instant.FromUtc(2022, 12, 2, 0, 0)),
            UptimeWindow.Range("after_as_of", Instant.FromUtc(2023, 1, 26, 0, 0), Instant.FromUtc(2023, 1, 27, 0, 0)),
            UptimeWindow.Range("night", Instant.FromUtc(2023, 1, 24, 3, 0), Instant.FromUtc(2023, 1, 24, 3, 1)),
        ], IncludePercent: true);

        var csv = await CsvOfAsync(body);

        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, options, AsOf)), csv);
        Assert.StartsWith("store_id,uptime_last_quarter(in hours),uptime_last_hour(in minutes),", csv, StringComparison.Ordinal);
        Assert.Contains("uptime_last_30min(in minutes)", csv, StringComparison.Ordinal);
        Assert.Contains("uptime_night(in %)", csv, StringComparison.Ordinal);
        // Some store is closed in that minute, so its share is empty: the row ends in an empty field.
        Assert.Contains(csv.Split('\n'), line => line.EndsWith(','));
    }

    [Fact]
    public async Task A_store_subset_has_only_those_rows_and_warns_of_the_ids_it_does_not_hold()
    {
        var ids = StoreIdsOf(Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, AsOf)));
        string[] asked = [ids[140], ids[3], "no-such-store", ids[77], ids[3]];
        var body = JsonSerializer.Serialize(new { as_of = "2023-01-25T12:00:00Z", windows = new[] { "day", "week" }, stores = asked });

        var reportId = await ReportsOverHttp.TriggerAsync(Client, body);
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));
        var status = await StatusAsync(reportId);

        var expected = EngineReference.Compute(fixture.DataDirectory, new ReportOptions([UptimeWindow.Day, UptimeWindow.Week], asked), AsOf);
        Assert.Equal(Encoding.UTF8.GetString(expected), csv);
        Assert.Equal(new[] { ids[3], ids[77], ids[140] }.Order(StringComparer.Ordinal), StoreIdsOf(csv));
        Assert.Contains(status.GetProperty("warnings").EnumerateArray(), warning => warning.GetString()!.Contains("not held by the service", StringComparison.Ordinal)
            && warning.GetString()!.Contains("(1 store(s), e.g. no-such-store)", StringComparison.Ordinal));
        Assert.Equal(3, status.GetProperty("row_count").GetInt32());
        Assert.Equal(3, status.GetProperty("stores_total").GetInt32());
    }

    [Fact]
    public async Task A_store_subset_in_the_SPEC_columns_has_the_SPEC_reports_lines_of_those_stores()
    {
        var spec = Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, AsOf)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = StoreIdsOf(string.Join('\n', spec));
        string[] asked = [ids[140], ids[3], ids[77], ids[^1]];

        var csv = await CsvOfAsync(JsonSerializer.Serialize(new { as_of = "2023-01-25T12:00:00Z", stores = asked }));

        // The header and the rows are the SPEC report's, byte for byte: only the stores not asked for are left out.
        var expected = spec.Take(1).Concat(spec.Skip(1).Where(line => asked.Contains(line.Split(',')[0])));
        Assert.Equal(string.Join('\n', expected) + "\n", csv);
        Assert.Equal(5, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_prefix_has_only_the_stores_whose_id_starts_with_it()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"as_of": "2023-01-25T12:00:00Z", "store_prefix": "10000000"}""");
        var csv = await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var expected = EngineReference.Compute(fixture.DataDirectory, new ReportOptions(StorePrefix: "10000000"), AsOf);
        Assert.Equal(Encoding.UTF8.GetString(expected), csv);
        // Ids are 1000000000000 + 7919 k: k = 0 to 12 start with 10000000.
        Assert.Equal(13, StoreIdsOf(csv).Length);
        Assert.All(StoreIdsOf(csv), id => Assert.StartsWith("10000000", id, StringComparison.Ordinal));
        Assert.StartsWith(Engine.ReportCsv.Header + "\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_are_echoed_in_the_status_and_in_the_list_of_reports()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """
            {"as_of": "2023-01-25T12:00:00Z", "windows": ["month", {"name": "jan", "from": "2023-01-01T00:00:00Z", "to": "2023-02-01T00:00:00+00:00"}], "store_prefix": "1000001", "include_percent": true}
            """);
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var status = await StatusAsync(reportId);
        var listed = JsonDocument.Parse(await Client.GetStringAsync("/reports?limit=100")).RootElement.GetProperty("reports").EnumerateArray()
            .Single(report => report.GetProperty("report_id").GetString() == reportId);

        const string expected = """{"windows":["month",{"name":"jan","from":"2023-01-01T00:00:00Z","to":"2023-02-01T00:00:00Z"}],"store_prefix":"1000001","include_percent":true}""";
        Assert.Equal(expected, status.GetProperty("options").GetRawText());
        Assert.Equal(expected, listed.GetProperty("options").GetRawText());
    }

    [Fact]
    public async Task The_list_of_reports_shows_the_first_stores_a_report_names_and_how_many_its_status_shows_them_all()
    {
        string[] stores = [.. Enumerable.Range(0, 25).Select(i => $"named-{i:00}")];
        var reportId = await ReportsOverHttp.TriggerAsync(Client, JsonSerializer.Serialize(new { as_of = "2023-01-25T12:00:00Z", stores }));
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var status = (await StatusAsync(reportId)).GetProperty("options");
        var listed = JsonDocument.Parse(await Client.GetStringAsync("/reports?limit=100")).RootElement.GetProperty("reports").EnumerateArray()
            .Single(report => report.GetProperty("report_id").GetString() == reportId).GetProperty("options");

        Assert.Equal(stores, status.GetProperty("stores").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(25, status.GetProperty("store_count").GetInt32());
        Assert.Equal(stores[..10], listed.GetProperty("stores").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(25, listed.GetProperty("store_count").GetInt32());
    }

    [Fact]
    public async Task The_SPEC_report_echoes_no_options()
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"as_of": "2023-01-25T12:00:00Z"}""");
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        Assert.Equal(JsonValueKind.Null, (await StatusAsync(reportId)).GetProperty("options").ValueKind);
    }

    [Fact]
    public async Task Reports_with_different_options_never_share_a_computation_and_identical_ones_do()
    {
        const string asOf = "2023-01-24T18:00:00Z";
        var month = await CompleteAsync($$"""{"as_of": "{{asOf}}", "windows": ["month"]}""");
        var quarter = await CompleteAsync($$"""{"as_of": "{{asOf}}", "windows": ["quarter"]}""");
        var monthWithShares = await CompleteAsync($$"""{"as_of": "{{asOf}}", "windows": ["month"], "include_percent": true}""");
        var monthOfSome = await CompleteAsync($$"""{"as_of": "{{asOf}}", "windows": ["month"], "store_prefix": "1000001"}""");
        var monthAgain = await CompleteAsync($$"""{"as_of": "{{asOf}}", "windows": ["month"]}""");
        var spec = await CompleteAsync($$"""{"as_of": "{{asOf}}"}""");
        var specByName = await CompleteAsync($$"""{"as_of": "{{asOf}}", "windows": ["hour", "day", "week"]}""");

        var shared = await Task.WhenAll(new[] { month, quarter, monthWithShares, monthOfSome, monthAgain, spec, specByName }
            .Select(async id => (await fixture.Host.Grains.GetGrain<IReportGrain>(id).GetStatus()).SharedFrom));

        Assert.Equal(new string?[] { null, null, null, null, month, null, spec }.AsEnumerable(), shared);
        Assert.Equal(await CsvAsync(month), await CsvAsync(monthAgain));
        Assert.Equal(await CsvAsync(spec), await CsvAsync(specByName));
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, Instant.FromUtc(2023, 1, 24, 18, 0))), await CsvAsync(spec));
        var files = await Task.WhenAll(new[] { month, quarter, monthWithShares, monthOfSome, spec }.Select(CsvAsync));
        Assert.Equal(files.Length, files.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_window_reaching_before_the_polls_stores_keep_is_named_in_a_warning()
    {
        // The stores keep 30 days and a week of polls before the latest: a quarter reaches further back.
        var reportId = await ReportsOverHttp.TriggerAsync(Client, """{"windows": ["month", "quarter"]}""");
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

        var warnings = (await StatusAsync(reportId)).GetProperty("warnings").EnumerateArray().Select(warning => warning.GetString()!).ToArray();

        Assert.Contains(warnings, warning => warning.StartsWith("Window(s) last_quarter start before", StringComparison.Ordinal) && warning.Contains("StoreMonitor:RetentionDays", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, warning => warning.Contains("last_month", StringComparison.Ordinal));
    }

    private async Task<string> CsvOfAsync(string body) =>
        await ReportsOverHttp.CsvAsync(Client, await ReportsOverHttp.TriggerAsync(Client, body), TimeSpan.FromSeconds(60));

    private async Task<string> CompleteAsync(string body)
    {
        var reportId = await ReportsOverHttp.TriggerAsync(Client, body);
        await ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));
        return reportId;
    }

    private Task<string> CsvAsync(string reportId) => ReportsOverHttp.CsvAsync(Client, reportId, TimeSpan.FromSeconds(60));

    private async Task<JsonElement> StatusAsync(string reportId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/get_report?report_id={reportId}");
        request.Headers.Accept.ParseAdd("application/json");
        return JsonDocument.Parse(await (await Client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
    }

    private static string[] StoreIdsOf(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0])];
}
