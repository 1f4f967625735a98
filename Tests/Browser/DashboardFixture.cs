using Microsoft.Playwright;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Browser;

/// <summary>One real host (Kestrel on 127.0.0.1, in-process silo, SQLite) and one headless Chromium for the browser tests.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public static readonly NodaTime.Instant DataEnd = TestDataset.DefaultEnd;

    private readonly TempDirectory _database = new();
    private HeadlessChromium? _chromium;

    public TempDirectory Data { get; } = new();

    public ApiHost Host { get; private set; } = null!;

    /// <summary>Null when Chromium is not installed; tests then skip (or fail under CI).</summary>
    public IBrowser? Browser => _chromium?.Browser;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        TestDataset.Write(Data.Path, stores: 60, seed: 7);
        Host = await ApiHost.StartAsync(Data.Path, _database.File("storemonitor.db"));
        await Host.WaitForIngestionAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        _chromium = await HeadlessChromium.StartIfInstalledAsync();
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        Chromium.RequireOrSkip();
        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = Host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await Host.DisposeAsync();
        Data.Dispose();
        _database.Dispose();
    }
}
