using System.Globalization;
using StoreMonitor.Bench.Service;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// The options of <c>host</c>: those every service benchmark takes (the dataset, where to work, concurrency), and how
/// many new hours are appended and ingested one after another, and which build of the API host runs (by default the
/// one built beside the benchmark; <c>--api</c> names another, e.g. a ReadyToRun publish).
/// </summary>
public sealed record HostBenchmarkOptions(BenchOptions Common, int Hours, string? ApiAssembly = null)
{
    /// <summary>Issue 17 gives the median of 24 new hours.</summary>
    public const int DefaultHours = 24;

    public static bool TryParse(string[] args, out HostBenchmarkOptions options, out string? error)
    {
        options = new HostBenchmarkOptions(new BenchOptions(14_000, 8, 42, null, null, false), DefaultHours);
        var hours = DefaultHours;
        string? api = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--api")
            {
                if (i + 1 >= args.Length || !File.Exists(args[i + 1]))
                {
                    error = i + 1 >= args.Length ? "--api needs the path of StoreMonitor.Api.dll" : $"--api: there is no file {args[i + 1]}";
                    return false;
                }

                api = Path.GetFullPath(args[++i]);
                continue;
            }

            if (args[i] != "--hours")
            {
                rest.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours < 1)
            {
                error = "--hours needs a positive number";
                return false;
            }
        }

        if (!BenchOptions.TryParse([.. rest], out var common, out error))
        {
            return false;
        }

        options = new HostBenchmarkOptions(common, hours, api);
        return true;
    }
}
