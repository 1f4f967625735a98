using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using StoreMonitor.Tests.Live;
using StoreMonitor.Tests.Support;
using Xunit.Abstractions;

namespace StoreMonitor.Tests.Browser;

/// <summary>
/// The dashboard's Now view in a real headless Chromium against the real host (loopback, embedded silo, SQLite, the
/// vendored SignalR client over a WebSocket under the page's content security policy): a pushed poll that takes a store
/// down in its hours turns it red without a reload, an active poll takes it off; a connection lost while a store went
/// down reconnects by itself and the snapshot it reloads shows the store. Stores open 09:00-17:00 UTC; the host's clock
/// stands at Monday 2026-06-01 10:05 UTC.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class LiveBoardBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 10, 5);
    private static readonly Regex HubSocket = new("/hubs/events");

    private readonly List<string> _consoleErrors = [];
    private LiveHost _live = null!;
    private HeadlessChromium? _chromium;

    public async Task InitializeAsync()
    {
        _live = await LiveHost.StartAsync(Now, ["s1", "s2"]);
        _chromium = await HeadlessChromium.StartIfInstalledAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _live.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_store_pushed_down_in_its_hours_turns_red_without_a_reload_and_leaves_when_it_is_up_again()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/#/now");
        await page.Locator("#live-state[data-state='connected']").WaitForAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var row = page.Locator("#now-stores tr[data-store-id='s1']");
        Assert.Equal(0, await row.CountAsync());

        await _live.PushAsync(("s1", At(10, 0), "active"), ("s1", At(10, 4), "inactive"));
        var pushed = Stopwatch.StartNew();
        await row.WaitForAsync(new() { Timeout = (float)LiveHost.Deadline.TotalMilliseconds });
        output.WriteLine($"s1 shown down {pushed.ElapsedMilliseconds} ms after the push's 202");
        var cells = await row.Locator("th, td").AllTextContentsAsync();
        var color = await row.Locator("td.state").EvaluateAsync<string>("cell => getComputedStyle(cell).color");
        var stillTheSamePage = await page.EvaluateAsync<bool>("() => window.sameDocument === true");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-now.png"), FullPage = true });

        Assert.Equal(["s1", "Down", "2026-06-01 10:04:00 UTC", "2026-06-01 10:04:00 UTC", "2026-06-01 10:04:00 UTC", "2.00"], cells);
        Assert.Equal("rgb(207, 34, 46)", color);
        Assert.Equal("down", await row.GetAttributeAsync("class"));
        Assert.True(stillTheSamePage, "the page was reloaded");

        await page.FillAsync("#now-search", "s2");
        Assert.Equal(0, await row.CountAsync());
        await page.FillAsync("#now-search", "S1");
        Assert.Equal(1, await row.CountAsync());

        await _live.PushAsync(("s1", At(10, 5), "active"));
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = (float)LiveHost.Deadline.TotalMilliseconds });
        await page.Locator("#latest-events li[data-kind='store.up']").WaitForAsync();

        Assert.Equal("No store is down or silent.", await page.Locator("#now-summary").TextContentAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        Assert.Empty(_consoleErrors);
    }

    [SkippableFact]
    public async Task A_lost_connection_reconnects_by_itself_and_the_reloaded_snapshot_shows_what_happened_meanwhile()
    {
        var page = await NewPageAsync();
        // Every hub connection of the page goes through here, so the test can cut it and refuse new ones for a while.
        var refuse = false;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteAsync(HubSocket, route => refuse ? route.AbortAsync() : route.ContinueAsync());
        await page.RouteWebSocketAsync(HubSocket, socket =>
        {
            if (refuse)
            {
                _ = socket.CloseAsync();
                return;
            }

            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        await page.GotoAsync("/#/now");
        await page.Locator("#live-state[data-state='connected']").WaitForAsync();

        refuse = true;
        IWebSocketRoute[] open;
        lock (sockets)
        {
            open = [.. sockets];
        }

        foreach (var socket in open)
        {
            await socket.CloseAsync();
        }

        await page.Locator("#live-state:not([data-state='connected'])").WaitForAsync();
        // s2 goes down while the page is cut off: its event cannot reach the page.
        await _live.PushAsync(("s2", At(10, 3), "inactive"));
        await _live.MarkAsync("mark-1");
        await _live.EventsUntilAsync("mark-1");
        var missed = await page.Locator("#now-stores tr[data-store-id='s2']").CountAsync();
        refuse = false;

        await page.Locator("#live-state[data-state='connected']").WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator("#now-stores tr.down[data-store-id='s2']").WaitForAsync(new() { Timeout = (float)LiveHost.Deadline.TotalMilliseconds });

        Assert.Equal(0, missed);
    }

    [SkippableFact]
    public async Task Clicking_a_store_opens_its_page_with_its_latest_events()
    {
        await _live.PushAsync(("s2", At(10, 0), "inactive"), ("s2", At(10, 2), "active"));
        var page = await NewPageAsync();
        await page.GotoAsync("/#/now");
        await page.Locator("#live-state[data-state='connected']").WaitForAsync();
        await _live.PushAsync(("s2", At(10, 4), "inactive"));

        await page.Locator("#now-stores tr[data-store-id='s2'] a").ClickAsync();
        await page.Locator("#store-events").WaitForAsync();
        var kinds = await page.Locator("#store-events tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.kind + ' ' + row.children[1].textContent)");

        Assert.EndsWith("#/stores/s2", page.Url, StringComparison.Ordinal);
        Assert.Equal(["store.down 2026-06-01 10:04:00 UTC", "store.up 2026-06-01 10:02:00 UTC", "store.down 2026-06-01 10:00:00 UTC"], kinds);
    }

    private async Task<IPage> NewPageAsync()
    {
        Chromium.RequireOrSkip();
        var page = await _chromium!.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, BaseURL = _live.Host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);
        // A refused script or connection (the content security policy) shows as a console error.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        return page;
    }

    private static Instant At(int hour, int minute) => Instant.FromUtc(2026, 6, 1, hour, minute);
}
