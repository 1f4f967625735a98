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
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();
    private ApiHost _host = null!;
    private HttpClient _operator = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        // No hours: a store pushed below is open around the clock, so a poll of now is in its hours.
        File.WriteAllText(_data.File("store_status.csv"), "store_id,status,timestamp_utc\n");
        _host = await ApiHost.StartAsync(
            _data.Path,
            _database.File("grains.db"),
            "--StoreMonitor:ScanInterval=00:00:00",
            "--StoreMonitor:Auth:Required=true",
            $"--StoreMonitor:Auth:Keys:0:Key={SecuredHost.ReaderKey}",
            "--StoreMonitor:Auth:Keys:0:Role=reader",
            $"--StoreMonitor:Auth:Keys:1:Key={SecuredHost.OperatorKey}",
            "--StoreMonitor:Auth:Keys:1:Role=operator");
        _operator = _host.CreateClient(SecuredHost.OperatorKey);
        await _host.WaitForIngestionAsync(_operator);
        var audience = _host.Services.GetRequiredService<LiveAudience>();
        await Waits.UntilAsync(() => audience.IsListening, LiveHost.Deadline, "the silo learning that the host listens");
        if (Chromium.IsInstalled)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _operator.Dispose();
        await _host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }

    [SkippableFact]
    public async Task The_page_asks_for_a_key_once_and_its_websocket_connects_with_it_and_shows_a_store_going_down()
    {
        Chromium.RequireOrSkip();
        var page = await _browser!.NewPageAsync(new() { BaseURL = _host.Client.BaseAddress!.ToString() });
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
        var response = await _operator.PostAsync("/polls", content);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /polls answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
