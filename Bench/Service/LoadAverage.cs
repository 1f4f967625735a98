using System.Globalization;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// The 1-minute load average from Linux's <c>/proc/loadavg</c>. Figures measured under load cannot be compared with
/// the targets (see "How to measure" in <c>docs/BENCHMARKS.md</c>), so every printed row carries it.
/// </summary>
public static class LoadAverage
{
    private const string ProcFile = "/proc/loadavg";

    /// <summary>The current 1-minute load average, or null where the file is missing or unreadable (not Linux).</summary>
    public static double? ReadOneMinute()
    {
        try
        {
            return Parse(File.ReadAllText(ProcFile));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first field of <c>/proc/loadavg</c> ("0.42 0.30 0.25 1/123 4567"), or null if it is not a number.</summary>
    public static double? Parse(string content)
    {
        var first = content.Split(' ', 2, StringSplitOptions.TrimEntries)[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) && load >= 0 ? load : null;
    }
}
