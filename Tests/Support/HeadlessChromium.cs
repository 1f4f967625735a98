using Microsoft.Playwright;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// One headless Chromium driven by Playwright for a browser test class, or none where Chromium is not installed (its
/// tests then skip, or fail under CI, through <see cref="Chromium.RequireOrSkip"/>).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>A started browser, or null when Chromium is not installed.</summary>
    public static async Task<HeadlessChromium?> StartIfInstalledAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return null;
        }

        var playwright = await Playwright.CreateAsync();
        return new HeadlessChromium(playwright, await Chromium.LaunchAsync(playwright));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
