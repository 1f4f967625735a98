using Microsoft.Playwright;

namespace StoreMonitor.Tests.Support;

/// <summary>Debian's Chromium (apt-get install chromium), driven by Playwright without downloading a browser.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>
    /// Skips the calling test with a clear message when Chromium is missing, except under CI (<c>CI=true</c>), where
    /// its absence is a failure: CI installs it, so a skip there would hide that the browser tests never ran.
    /// </summary>
    public static void RequireOrSkip()
    {
        if (IsInstalled)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"Chromium is required under CI but {ExecutablePath} is missing (apt-get install chromium).");
        }

        Skip.If(true, $"Chromium is not installed at {ExecutablePath}, so the browser tests cannot run (apt-get install chromium).");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
}
