using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// Drives <c>scripts/cluster.sh</c> as a user would, with its state in a folder of its own and the hosts run from
/// the Debug build the tests were built with (so the script does not build again).
/// </summary>
public sealed partial class ClusterScript(string stateDirectory, string dataDirectory)
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ScriptPath => Path.Combine(RepositoryRoot, "scripts", "cluster.sh");

    public string StateDirectory => stateDirectory;

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [ScriptPath, .. arguments])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["STOREMONITOR_CLUSTER_DIR"] = stateDirectory;
        start.Environment["STOREMONITOR_BUILD_CONFIGURATION"] = "Debug";
        start.Environment["StoreMonitor__DataDirectory"] = dataDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The <c>API http://127.0.0.1:PORT</c> line that <c>up</c> prints.</summary>
    public static Uri ApiUrl(string upOutput) => new(ApiLine().Match(upOutput) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"No API URL in:\n{upOutput}"));

    /// <summary>The status lines: kind (postgres, silo, api), index, pid, and alive or dead.</summary>
    public static IReadOnlyList<(string Kind, string Index, int Pid, bool Alive)> Processes(string statusOutput) =>
        [.. StatusLine().Matches(statusOutput).Select(match => (
            match.Groups["kind"].Value,
            match.Groups["index"].Value,
            int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups["state"].Value == "alive"))];

    /// <summary>Each silo's Prometheus endpoint, as <c>up</c> and <c>status</c> print it.</summary>
    public static IReadOnlyList<Uri> SiloMetricsUrls(string statusOutput) =>
        [.. SiloMetricsLine().Matches(statusOutput).Select(match => new Uri(match.Groups["url"].Value))];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "cluster.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("scripts/cluster.sh not found above the test binaries.");
    }

    [GeneratedRegex(@"^silo .*\smetrics (?<url>http://127\.0\.0\.1:\d+/metrics)\s", RegexOptions.Multiline)]
    private static partial Regex SiloMetricsLine();

    [GeneratedRegex(@"^API (http://127\.0\.0\.1:\d+)$", RegexOptions.Multiline)]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"^(?<kind>postgres|silo|api)\s+(?<index>\d*)\s*pid (?<pid>\d+)\s.*?\s(?<state>alive|dead)(\s|$)", RegexOptions.Multiline)]
    private static partial Regex StatusLine();
}
