using System.Globalization;

namespace StoreMonitor.Bench.Service;

/// <summary>Measured values written as the tables of <c>docs/BENCHMARKS.md</c> write them, so a printed row reads like its neighbours.</summary>
public static class MeasuredValue
{
    private const double MiB = 1024.0 * 1024;
    private const double GiB = MiB * 1024;

    /// <summary>"4.32 s"; <paramref name="decimals"/> 3 for the runs that take milliseconds.</summary>
    public static string Seconds(TimeSpan elapsed, int decimals = 2) => Seconds([elapsed], decimals);

    /// <summary>Several timings of one figure, in order, with the unit once: "1.13, 0.94, 0.85 s".</summary>
    public static string Seconds(IEnumerable<TimeSpan> elapsed, int decimals = 2) =>
        string.Join(", ", elapsed.Select(each => each.TotalSeconds.ToString($"F{decimals}", CultureInfo.InvariantCulture))) + " s";

    /// <summary>"284 MB" below a gibibyte, "1.53 GB" from there (binary units, as the phase table prints RSS).</summary>
    public static string Memory(long bytes) => Math.Round(bytes / MiB) < 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB:N0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / GiB:F2} GB");
}
