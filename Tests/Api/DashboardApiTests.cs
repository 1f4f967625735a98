using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>The endpoints behind the dashboard, against the real host: store list, store report row, recent reports.</summary>
/// <remarks>
/// The tests read, or trigger reports that only they look for by id (the recent-reports test looks at the two newest),
/// so the class shares one host (<see cref="DashboardHost"/>).
/// </remarks>
public sealed class DashboardApiTests(DashboardApiTests.DashboardHost fixture) : IClassFixture<DashboardApiTests.DashboardHost>
{
    private TempDirectory Data => fixture.Data;

    private ApiHost Host => fixture.Host;

    [Theory]
    [InlineData(null)]
    [InlineData("2023-01-23T16:13:22Z")]
    [InlineData("2023-01-19T03:00:00Z")]
    public async Task Every_stores_uptime_row_equals_its_line_of_the_report_csv(string? asOf)
    {
        var instant = asOf is null ? (Instant?)null : InstantPattern.ExtendedIso.Parse(asOf).Value;
        var csv = Encoding.UTF8.GetString(EngineReference.Compute(Data.Path, instant));
        var lines = csv.TrimEnd('\n').Split('\n').Skip(1).ToArray();
        Assert.NotEmpty(lines);

        foreach (var line in lines)
        {
            var storeId = line.Split(',')[0];
            var query = asOf is null ? "" : $"?as_of={Uri.EscapeDataString(asOf)}";
            var row = JsonDocument.Parse(await Host.Client.GetStringAsync($"/stores/{storeId}/uptime{query}")).RootElement;

            Assert.Equal(line, AsCsvLine(row));
        }
    }

    [Fact]
    public async Task Without_as_of_the_uptime_row_is_as_of_the_time_a_report_without_as_of_uses()
    {
        var storeId = Encoding.UTF8.GetString(EngineReference.Compute(Data.Path)).Split('\n')[1].Split(',')[0];
        var reportId = await TriggerAsync(null);
        await Host.WaitForReportAsync(reportId);

        var row = JsonDocument.Parse(await Host.Client.GetStringAsync($"/stores/{storeId}/uptime")).RootElement;
        var report = JsonDocument.Parse(await Host.Client.GetStringAsync("/reports")).RootElement.GetProperty("reports")[0];

        Assert.Equal(reportId, report.GetProperty("report_id").GetString());
        Assert.Equal(report.GetProperty("as_of").GetString(), row.GetProperty("as_of").GetString());
    }

    [Fact]
    public async Task A_store_with_no_poll_before_as_of_has_no_uptime_row()
    {
        var storeId = Encoding.UTF8.GetString(EngineReference.Compute(Data.Path)).Split('\n')[1].Split(',')[0];

        var before = await Host.Client.GetAsync($"/stores/{storeId}/uptime?as_of=2020-01-01T00:00:00Z");
        var unknown = await Host.Client.GetAsync("/stores/no-such-store/uptime");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Paging_through_the_store_list_gives_every_store_once_in_ordinal_order()
    {
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(Data.Path)).TrimEnd('\n').Split('\n').Skip(1)
            .Select(line => line.Split(',')[0]).ToArray();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/stores?limit=25" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = JsonDocument.Parse(await Host.Client.GetStringAsync(url)).RootElement;
            seen.AddRange(page.GetProperty("store_ids").EnumerateArray().Select(id => id.GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task Searching_the_store_list_returns_the_ids_containing_the_text()
    {
        var all = Encoding.UTF8.GetString(EngineReference.Compute(Data.Path)).TrimEnd('\n').Split('\n').Skip(1)
            .Select(line => line.Split(',')[0]).ToArray();
        const string search = "79";

        var page = JsonDocument.Parse(await Host.Client.GetStringAsync($"/stores?search={search}&limit=1000")).RootElement;

        Assert.Equal(all.Where(id => id.Contains(search, StringComparison.Ordinal)), page.GetProperty("store_ids").EnumerateArray().Select(id => id.GetString()!));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("/stores?limit=0")]
    [InlineData("/stores?limit=5000")]
    [InlineData("/reports?limit=0")]
    public async Task Out_of_range_limits_are_bad_requests(string url)
    {
        var response = await Host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Recent_reports_list_triggered_reports_newest_first_with_their_status()
    {
        var first = await TriggerAsync("2023-01-22T00:00:00Z");
        var second = await TriggerAsync("2023-01-23T00:00:00Z");
        await Host.WaitForReportAsync(first);
        await Host.WaitForReportAsync(second);

        var reports = JsonDocument.Parse(await Host.Client.GetStringAsync("/reports")).RootElement.GetProperty("reports").EnumerateArray().ToArray();

        Assert.Equal([second, first], reports.Select(report => report.GetProperty("report_id").GetString()).Take(2));
        Assert.All(reports, report => Assert.Equal("Complete", report.GetProperty("status").GetString()));
        Assert.Equal("2023-01-23T00:00:00Z", reports[0].GetProperty("as_of").GetString());
        Assert.Equal(120, reports[0].GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task The_store_timeline_carries_its_open_hours_and_the_polls_up_to_the_report_time()
    {
        var storeId = Encoding.UTF8.GetString(EngineReference.Compute(Data.Path)).Split('\n')[1].Split(',')[0];
        const string asOf = "2023-01-24T12:00:00Z";

        var timeline = JsonDocument.Parse(await Host.Client.GetStringAsync($"/stores/{storeId}/timeline?as_of={asOf}")).RootElement;

        var open = timeline.GetProperty("open_hours").EnumerateArray().Select(Interval).ToArray();
        var segments = timeline.GetProperty("segments").EnumerateArray().Select(Interval).ToArray();
        var polls = timeline.GetProperty("polls").EnumerateArray().Select(poll => Parse(poll.GetProperty("at").GetString()!)).ToArray();
        Assert.NotEmpty(polls);
        Assert.All(polls, poll => Assert.InRange(poll, Parse(asOf) - Duration.FromDays(7), Parse(asOf)));
        // Segments cover exactly the business time: every segment lies inside an open interval, and their totals agree.
        Assert.All(segments, segment => Assert.Contains(open, interval => interval.Start <= segment.Start && segment.End <= interval.End));
        Assert.Equal(open.Aggregate(Duration.Zero, (sum, i) => sum + (i.End - i.Start)), segments.Aggregate(Duration.Zero, (sum, s) => sum + (s.End - s.Start)));
    }

    private async Task<string> TriggerAsync(string? asOf)
    {
        var response = await Host.Client.PostAsync(asOf is null ? "/trigger_report" : $"/trigger_report?as_of={asOf}", null);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
    }

    private static string AsCsvLine(JsonElement row)
    {
        string[] figures = ["uptime_last_hour", "uptime_last_day", "uptime_last_week", "downtime_last_hour", "downtime_last_day", "downtime_last_week"];
        return string.Join(',', [row.GetProperty("store_id").GetString()!, .. figures.Select(name => row.GetProperty(name).GetDecimal().ToString("0.00", CultureInfo.InvariantCulture))]);
    }

    private static Instant Parse(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static (Instant Start, Instant End) Interval(JsonElement interval) =>
        (Parse(interval.GetProperty("start").GetString()!), Parse(interval.GetProperty("end").GetString()!));

    /// <summary>A host over 120 generated stores, started and ingested once for the class.</summary>
    public sealed class DashboardHost : IAsyncLifetime
    {
        private readonly TempDirectory _database = new();

        public TempDirectory Data { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            TestDataset.Write(Data.Path, stores: 120, seed: 23);
            Host = await ApiHost.StartAsync(Data.Path, _database.File("storemonitor.db"));
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
