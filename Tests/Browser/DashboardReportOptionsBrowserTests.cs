using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Browser;

/// <summary>The dashboard's report options and downloads in a real headless Chromium against the real host.</summary>
[Trait("Category", TestCategories.Slow)]
public sealed class DashboardReportOptionsBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [SkippableFact]
    public async Task A_report_with_options_set_in_the_page_shows_its_rows_and_downloads_them_as_json_and_ndjson()
    {
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/");

        await page.GetByLabel("Report time (UTC, optional)").FillAsync("2023-01-24T12:00");
        await page.GetByLabel("Last hour").UncheckAsync();
        await page.GetByLabel("Last 30 days").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a named range" }).ClickAsync();
        await page.GetByLabel("Range 1 name").FillAsync("jan20");
        await page.GetByLabel("from (UTC)").FillAsync("2023-01-20T00:00");
        await page.GetByLabel("to (UTC)").FillAsync("2023-01-21T00:00");
        await page.GetByLabel("Stores").SelectOptionAsync("prefix");
        await page.GetByLabel("Store id prefix").FillAsync("10000000");
        await page.GetByLabel("Include uptime as a share of business time (%)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate report" }).ClickAsync();
        await page.Locator("#report-state[data-state=Complete]").WaitForAsync(new() { Timeout = 60_000 });
        var reportId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        var options = new ReportOptions(
            [UptimeWindow.Day, UptimeWindow.Week, UptimeWindow.Month, UptimeWindow.Range("jan20", Instant.FromUtc(2023, 1, 20, 0, 0), Instant.FromUtc(2023, 1, 21, 0, 0))],
            StorePrefix: "10000000",
            IncludePercent: true);
        var csv = Encoding.UTF8.GetString(EngineReference.Compute(fixture.Data.Path, options, Instant.FromUtc(2023, 1, 24, 12, 0)));
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = await page.Locator("#report-rows thead th").AllTextContentsAsync();
        var rows = await page.Locator("#report-rows tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(row => [...row.querySelectorAll('[data-csv]')].sort((a, b) => a.dataset.csv - b.dataset.csv).map(cell => cell.textContent).join(','))");

        // The page shows the engine's report for those options, every column of it.
        Assert.Equal(lines[0].Split(','), header);
        Assert.Equal(lines[1..], rows);
        Assert.Equal(13, rows.Length);
        Assert.Contains("Windows: last day, last week, last month, jan20", await page.Locator("#report-options-summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("stores whose id starts with 10000000", await page.Locator("#report-options-summary").TextContentAsync(), StringComparison.Ordinal);

        var json = JsonDocument.Parse(await DownloadAsync(page, "Download JSON")).RootElement;
        var ndjson = (await DownloadAsync(page, "Download NDJSON")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(reportId, json.GetProperty("report_id").GetString());
        Assert.Equal(lines[1..].Select(line => line.Split(',')[0]), json.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("store_id").GetString()));
        Assert.Equal(json.GetProperty("rows").EnumerateArray().Select(row => row.GetRawText()), ndjson.Select(line => JsonDocument.Parse(line).RootElement.GetRawText()));
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotDirectory, "dashboard-report-options.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task A_report_with_the_options_left_as_they_are_is_the_SPEC_report()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("Report time (UTC, optional)").FillAsync("2023-01-24T06:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate report" }).ClickAsync();
        await page.Locator("#report-state[data-state=Complete]").WaitForAsync(new() { Timeout = 60_000 });
        var reportId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        var status = await fixture.Host.Grains.GetGrain<IReportGrain>(reportId).GetStatus();
        var csv = await (await fixture.Host.WaitForReportAsync(reportId)).Content.ReadAsStringAsync();

        Assert.Null(status.Options);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.Data.Path, Instant.FromUtc(2023, 1, 24, 6, 0))), csv);
        Assert.Contains("The SPEC report", await page.Locator("#report-options-summary").TextContentAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }
}
