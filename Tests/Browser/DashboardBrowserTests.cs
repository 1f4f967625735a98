using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Browser;

/// <summary>The dashboard in a real headless Chromium against the real host: what an operator clicks and sees.</summary>
[Trait("Category", TestCategories.Slow)]
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const string AsOfInput = "2023-01-24T12:00";
    private static readonly Instant AsOf = Instant.FromUtc(2023, 1, 24, 12, 0);

    [SkippableFact]
    public async Task A_report_triggered_in_the_page_shows_the_csv_rows_and_a_store_timeline_shows_the_engine_segments()
    {
        var page = await fixture.NewPageAsync();
        var errors = CollectErrors(page);
        await page.GotoAsync("/");

        await page.GetByLabel("Report time (UTC, optional)").FillAsync(AsOfInput);
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate report" }).ClickAsync();
        await page.Locator("#report-state[data-state=Complete]").WaitForAsync(new() { Timeout = 60_000 });
        var reportId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var csv = await (await fixture.Host.WaitForReportAsync(reportId)).Content.ReadAsStringAsync();
        var lines = csv.TrimEnd('\n').Split('\n');
        var rows = await page.Locator("#report-rows tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(row => [...row.querySelectorAll('[data-csv]')].sort((a, b) => a.dataset.csv - b.dataset.csv).map(cell => cell.textContent).join(','))");

        // The page shows exactly the report the service serves, which is the engine's report for that time.
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.Data.Path, AsOf)), csv);
        Assert.Equal(lines[1..].Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
        // Worst downtime first: by last week's downtime, descending, ties by store id.
        var worstFirst = lines[1..].OrderByDescending(line => decimal.Parse(line.Split(',')[6], System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(line => line.Split(',')[0], StringComparer.Ordinal);
        Assert.Equal(worstFirst, rows);
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotDirectory, "dashboard-report.png"), FullPage = true, Clip = new() { Width = 1280, Height = 1300 } });

        var searched = lines[5].Split(',')[0];
        await page.GetByLabel("Search store id").FillAsync(searched);
        Assert.Equal([searched], await page.Locator("#report-rows tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.storeId)"));
        await page.GetByLabel("Search store id").FillAsync("");

        // The worst store that has business hours, so the timeline shows open and closed time.
        var storeId = await WorstStoreWithHoursAsync(rows.Select(row => row.Split(',')[0]));
        await page.Locator($"#report-rows tbody tr[data-store-id='{storeId}'] a").ClickAsync();
        await page.Locator("#timeline").WaitForAsync();
        await page.Locator("#store-uptime").WaitForAsync();
        var timeline = JsonDocument.Parse(await fixture.Host.Client.GetStringAsync($"/stores/{storeId}/timeline?as_of=2023-01-24T12:00:00Z")).RootElement;
        var drawn = await page.Locator("#timeline g.segment[data-start]").EvaluateAllAsync<string[]>(
            "groups => groups.map(g => `${g.dataset.start} ${g.dataset.end} ${g.dataset.status}`)");
        var expected = timeline.GetProperty("segments").EnumerateArray()
            .Select(segment => $"{segment.GetProperty("start").GetString()} {segment.GetProperty("end").GetString()} {segment.GetProperty("status").GetString()}");
        var polls = await page.Locator("#timeline circle.poll[data-at]").CountAsync();
        var uptime = await page.Locator("#store-uptime tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(row => [...row.querySelectorAll('td')].slice(0, 2).map(cell => cell.textContent).join(','))");
        var csvRow = lines.Single(line => line.StartsWith(storeId + ",", StringComparison.Ordinal)).Split(',');

        Assert.NotEmpty(drawn);
        Assert.Equal(expected, drawn);
        Assert.Equal(timeline.GetProperty("polls").GetArrayLength(), polls);
        Assert.Equal(timeline.GetProperty("open_hours").GetArrayLength(), await page.Locator("#timeline g.open[data-start]").CountAsync());
        // The store's report row on its page is its line of the CSV: (up, down) for the hour, day and week.
        Assert.Equal([$"{csvRow[1]},{csvRow[4]}", $"{csvRow[2]},{csvRow[5]}", $"{csvRow[3]},{csvRow[6]}"], uptime);
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotDirectory, "store-timeline.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_ingestion_page_shows_the_last_runs_counts_and_its_button_starts_a_run()
    {
        var page = await fixture.NewPageAsync();
        var errors = CollectErrors(page);
        var before = (await fixture.Host.WaitForIngestionAsync()).GetProperty("last_run").GetProperty("run_id").GetString();
        await page.GotoAsync("/#/ingestion");
        await page.Locator("#ingestion-files tbody tr").First.WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start an ingestion run" }).ClickAsync();
        var after = await WaitForNewRunAsync(before);
        // The page follows the run until it has finished, then shows its counts.
        await page.Locator("#start-ingestion:enabled").WaitForAsync();
        await page.ReloadAsync();
        // The reloaded page asks for the status before it draws the table, all its rows at once.
        await page.Locator("#ingestion-files tbody tr").First.WaitForAsync();
        var shown = await page.Locator("#ingestion-files tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(row => [...row.querySelectorAll('th, td')].map(cell => cell.textContent.replaceAll(',', '')).join(' '))");

        var expected = after.GetProperty("last_run").GetProperty("files").EnumerateArray().Select(file =>
            $"{Path.GetFileName(file.GetProperty("file").GetString())} {file.GetProperty("rows_read").GetInt64()} {file.GetProperty("accepted").GetInt64()} {file.GetProperty("duplicates").GetInt64()} {file.GetProperty("rejected").GetInt64()}");
        Assert.Equal(expected, shown);
        // A second run of the same files: every poll is a duplicate.
        var polls = after.GetProperty("last_run").GetProperty("files").EnumerateArray().Single(file => file.GetProperty("file").GetString()!.EndsWith("store_status.csv", StringComparison.Ordinal));
        Assert.Equal(polls.GetProperty("rows_read").GetInt64(), polls.GetProperty("duplicates").GetInt64());
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_ingestion_page_says_while_an_abandoned_runs_data_is_pending_and_clears_once_a_run_takes_over()
    {
        var page = await fixture.NewPageAsync();
        var errors = CollectErrors(page);
        await fixture.Host.WaitForIngestionAsync();
        // A host that stops mid-run gives its lease up unfinished.
        var ledger = fixture.Host.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var abandoned = await ledger.TryBegin(new IngestionRunInfo(Guid.NewGuid().ToString("N"), fixture.Data.Path, SystemClock.Instance.GetCurrentInstant()));
        Assert.NotNull(abandoned);
        await ledger.Release(abandoned.RunId);

        await page.GotoAsync("/#/ingestion");
        var pending = page.Locator("#abandoned-run");
        await pending.WaitForAsync();
        var text = await pending.TextContentAsync();
        Assert.Contains($"Run {abandoned.RunNumber} ({abandoned.RunId[..8]})", text, StringComparison.Ordinal);
        Assert.Contains("its host stopped before the run finished", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotDirectory, "ingestion-pending.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Start an ingestion run" }).ClickAsync();

        await pending.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Null((await ledger.GetStatus()).ReportsWaitFor);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task On_a_phone_the_pages_fit_the_screen_width_and_only_tables_and_the_timeline_scroll()
    {
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        var trigger = await fixture.Host.Client.PostAsync("/trigger_report", null);
        var reportId = JsonDocument.Parse(await trigger.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
        var storeId = await WorstStoreWithHoursAsync(JsonDocument.Parse(await fixture.Host.Client.GetStringAsync("/stores?limit=1000")).RootElement
            .GetProperty("store_ids").EnumerateArray().Select(id => id.GetString()!));

        await page.GotoAsync($"/#/reports/{reportId}");
        await page.Locator("#report-state[data-state=Complete]").WaitForAsync(new() { Timeout = 60_000 });
        var reportFits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        await page.GotoAsync($"/#/stores/{storeId}");
        await page.Locator("#timeline").WaitForAsync();
        var storeFits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        await page.GotoAsync("/#/ingestion");
        await page.Locator("#ingestion-files").WaitForAsync();
        var ingestionFits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

        Assert.True(reportFits, "The Reports page is wider than a phone screen.");
        Assert.True(storeFits, "The store page is wider than a phone screen.");
        Assert.True(ingestionFits, "The Ingestion page is wider than a phone screen.");
    }

    [SkippableFact]
    public async Task On_a_401_the_page_asks_for_an_api_key_once_keeps_it_for_the_tab_and_retries_with_it()
    {
        var page = await fixture.NewPageAsync();
        var keys = new List<string?>();
        // Stand in for the server's key check on one endpoint: no key or a wrong key is a 401 problem.
        await page.RouteAsync("**/reports?**", async route =>
        {
            route.Request.Headers.TryGetValue("x-api-key", out var key);
            keys.Add(key);
            if (key == "sesame")
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.FulfillAsync(new() { Status = (int)HttpStatusCode.Unauthorized, ContentType = "application/problem+json", Body = "{\"title\":\"API key required\",\"status\":401}" });
            }
        });
        await page.GotoAsync("/");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "API key required" });
        await dialog.WaitForAsync();
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync("sesame");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Recent reports" }).WaitForAsync();
        await page.Locator("#recent-reports, #recent-title + p").First.WaitForAsync();

        Assert.Equal([null, "sesame"], keys);
        Assert.Equal("sesame", await page.EvaluateAsync<string>("() => sessionStorage.getItem('storemonitor.apiKey')"));
        Assert.False(await dialog.IsVisibleAsync());
    }

    private async Task<string> WorstStoreWithHoursAsync(IEnumerable<string> worstFirst)
    {
        foreach (var storeId in worstFirst)
        {
            var store = JsonDocument.Parse(await fixture.Host.Client.GetStringAsync($"/stores/{storeId}")).RootElement;
            if (store.GetProperty("business_hours").GetArrayLength() > 0)
            {
                return storeId;
            }
        }

        throw new InvalidOperationException("No store of the test dataset has business hours.");
    }

    private async Task<JsonElement> WaitForNewRunAsync(string? previousRunId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await fixture.Host.WaitForIngestionAsync();
            if (status.GetProperty("last_run").GetProperty("run_id").GetString() != previousRunId || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    private static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        return errors;
    }
}
