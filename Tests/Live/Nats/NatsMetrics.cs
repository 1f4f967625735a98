using System.Globalization;

namespace StoreMonitor.Tests.Live.Nats;

/// <summary>Sums of Prometheus counters from a <c>/metrics</c> page, over the series that carry a given label.</summary>
internal static class NatsMetrics
{
    public static long Sum(string metrics, string name, string? label = null) =>
        (long)metrics.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (label is null || line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture));
}
