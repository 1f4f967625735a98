using BenchmarkDotNet.Running;

namespace StoreMonitor.Bench.Micro;

/// <summary><c>micro [BenchmarkDotNet args]</c>: runs the uptime engine benchmarks; arguments go to the switcher
/// (e.g. <c>--filter '*' --job short</c>).</summary>
internal static class MicroBenchmarksCommand
{
    public static int Run(string[] args)
    {
        // BenchmarkDotNet's out-of-process toolchain looks for a project named like the assembly, and this one
        // (Bench.csproj → StoreMonitor.Bench) is not; running in process sidesteps that and is fine for µs work.
        if (!args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase))
        {
            args = [.. args, "--inProcess"];
        }

        var summaries = BenchmarkSwitcher.FromTypes([typeof(UptimeComputeBenchmarks), typeof(WindowSetBenchmarks)]).Run(args);
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }
}
