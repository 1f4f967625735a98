using System.ComponentModel;
using System.Diagnostics;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// The commit the running binaries were built from, as <c>git</c> describes the checkout they sit in: the figures
/// in <c>docs/BENCHMARKS.md</c> are only comparable when it is known which code they measured.
/// </summary>
internal static class GitCommit
{
    /// <summary>The short hash of HEAD and whether the work tree has changes; a null hash where git or a repository is missing.</summary>
    public static async Task<(string? Hash, bool Dirty)> ReadAsync()
    {
        // The binaries' folder (Bench/bin/…) rather than the current directory: `dotnet run --project Bench` may be
        // started from anywhere, but the binaries are always inside the checkout they were built from.
        var directory = AppContext.BaseDirectory;
        var hash = (await GitAsync(directory, "rev-parse", "--short", "HEAD"))?.Trim();
        if (string.IsNullOrEmpty(hash))
        {
            return (null, false);
        }

        var status = await GitAsync(directory, "status", "--porcelain");
        return (hash, !string.IsNullOrWhiteSpace(status));
    }

    private static async Task<string?> GitAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            // Both streams are drained at once, so a chatty stderr ("not a git repository") cannot block the process.
            var output = git.StandardOutput.ReadToEndAsync();
            var errors = git.StandardError.ReadToEndAsync();
            await Task.WhenAll(output, errors);
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? await output : null;
        }
        catch (Win32Exception)
        {
            // No git executable on this machine.
            return null;
        }
    }
}
