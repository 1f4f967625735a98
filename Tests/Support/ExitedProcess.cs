using System.Diagnostics;
using NodaTime;

namespace StoreMonitor.Tests.Support;

/// <summary>A process of this machine that has run and exited: its id and start time, as a lease holder names them.</summary>
public static class ExitedProcess
{
    public static async Task<(int Id, Instant StartedAt)> RunAsync()
    {
        // cat runs until its input closes, so its start time is read while it still runs: once it has exited and been
        // reaped, /proc no longer has it, and reading the start time throws.
        using var process = Process.Start(new ProcessStartInfo("cat") { UseShellExecute = false, RedirectStandardInput = true })!;
        var startedAt = Instant.FromDateTimeUtc(process.StartTime.ToUniversalTime());
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.Id, startedAt);
    }
}
