using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using StoreMonitor.Grains.Live;
using StoreMonitor.Tests.Api.Security;
using StoreMonitor.Tests.Live;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Browser;

/// <summary>
/// The Now view where keys are required: the page asks for a key once, and the browser's WebSocket to the hub, which
/// cannot carry a header, connects with it as <c>access_token</c> and receives a store going down.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class LiveBoardKeyBrowserTests : IAsyncLifetime
{
    private KeyedLiveHost _keyed = null!;
    private HeadlessChromium? _chromium;

    public async Task InitializeAsync()
    {
        _keyed = await KeyedLiveHost.StartAsync();
        _chromium = await HeadlessChromium.StartIfInstalledAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _keyed.DisposeAsync();
    }

    [SkippableFact]
    public async Task The_page_asks_for_a_key_once_and_its_websocket_connects_with_it_and_shows_a_store_going_down()
    {
        Chromium.RequireOrSkip();
        var page = await _chromium!.Browser.NewPageAsync(new() { BaseURL = _keyed.Host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);
        // The URLs of the page's WebSockets that received a frame: a socket refused at its upgrade (a 401) receives none,
        // and SignalR would then fall back to a transport that can send headers.
        var sockets = new HashSet<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, _) =>
        {
            lock (sockets)
            {
                sockets.Add(socket.Url);
            }
        };

        await page.GotoAsync("/#/now");
        await page.Locator("#api-key-dialog[open]").WaitForAsync();
        await page.FillAsync("#api-key-input", SecuredHost.ReaderKey);
        await page.ClickAsync("#api-key-form button[type='submit']");
        await page.Locator("#live-state[data-state='connected']").WaitForAsync();
        await PushDownAsync("keyed-1");
        await page.Locator("#now-stores tr.down[data-store-id='keyed-1']").WaitForAsync(new() { Timeout = (float)LiveHost.Deadline.TotalMilliseconds });

        string[] talking;
        lock (sockets)
        {
            talking = [.. sockets];
        }

        Assert.Contains(talking, url => url.Contains("/hubs/events", StringComparison.Ordinal) && url.Contains($"access_token={SecuredHost.ReaderKey}", StringComparison.Ordinal));
    }

    /// <summary>A first poll, inactive, a second ago: a store open around the clock goes down.</summary>
    private async Task PushDownAsync(string storeId)
    {
        var at = SystemClock.Instance.GetCurrentInstant() - Duration.FromSeconds(1);
        using var content = new StringContent($$"""[{"store_id":"{{storeId}}","timestamp_utc":"{{at}}","status":"inactive"}]""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _keyed.Operator.PostAsync("/polls", content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /polls answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
