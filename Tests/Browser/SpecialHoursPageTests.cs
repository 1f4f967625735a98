using System.Text.Json;
using Microsoft.Playwright;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Browser;

/// <summary>
/// A store's page in a real headless Chromium shows its special hours, and its timeline draws the business time the
/// engine computes with them: the worked example of docs/SEMANTICS.md, closed on Christmas Day.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class SpecialHoursPageTests : IAsyncLifetime
{
    private const string AsOf = "2024-12-25T12:00:00Z";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;
    private HeadlessChromium? _chromium;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), "store_id,status,timestamp_utc\n" +
            "s,active,2024-12-23 12:00:00 UTC\ns,inactive,2024-12-24 11:00:00 UTC\ns,inactive,2024-12-25 12:00:00 UTC\nplain,active,2024-12-25 12:00:00 UTC\n");
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n" +
            string.Concat(Enumerable.Range(0, 7).Select(day => $"s,{day},09:00,17:00\n")));
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\ns,UTC\n");
        File.WriteAllText(_data.File("special_hours.csv"), "store_id,date,start_time_local,end_time_local\ns,2024-12-25,closed,closed\ns,2024-12-24,09:00,13:00\n");
        _host = await ApiHost.StartAsync(_data.Path, _database.File("storemonitor.db"), "--StoreMonitor:ScanInterval=00:00:00");
        await _host.WaitForIngestionAsync();
        _chromium = await HeadlessChromium.StartIfInstalledAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    private async Task<IPage> NewPageAsync()
    {
        Chromium.RequireOrSkip();
        var page = await _chromium!.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = _host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);
        return page;
    }

    [SkippableFact]
    public async Task The_store_page_lists_its_special_hours_and_the_timeline_leaves_christmas_day_closed()
    {
        var page = await NewPageAsync();

        await page.GotoAsync($"/#/stores/s?as_of={AsOf}");
        await page.Locator("#special-hours").WaitForAsync();
        var rows = await page.Locator("#special-hours tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(row => [...row.children].map(cell => cell.textContent).join('|'))");
        var timeline = JsonDocument.Parse(await _host.Client.GetStringAsync($"/stores/s/timeline?as_of={AsOf}")).RootElement;
        var drawnOpen = await page.Locator("#timeline g.open[data-start]").EvaluateAllAsync<string[]>("groups => groups.map(group => group.dataset.start + '/' + group.dataset.end)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "store-special-hours.png"), FullPage = true });

        Assert.Equal(["2024-12-24 (Tuesday)|09:00:00|13:00:00", "2024-12-25 (Wednesday)|Closed all day"], rows);
        // The engine's open hours end with Christmas Eve's 09:00–13:00: nothing opens on Christmas Day.
        Assert.Equal(
            """{"start":"2024-12-24T09:00:00Z","end":"2024-12-24T13:00:00Z"}""",
            timeline.GetProperty("open_hours").EnumerateArray().Last().GetRawText());
        Assert.Equal(
            timeline.GetProperty("open_hours").EnumerateArray().Select(open => $"{open.GetProperty("start").GetString()}/{open.GetProperty("end").GetString()}"),
            drawnOpen);
    }

    [SkippableFact]
    public async Task A_store_without_special_hours_says_so()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/#/stores/plain");
        await page.Locator("#no-special-hours").WaitForAsync();

        Assert.Equal(0, await page.Locator("#special-hours").CountAsync());
    }
}
