using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>Condenses per-store data warnings into a few lines an operator can act on.</summary>
public static class ReportWarnings
{
    private const int MaxDistinct = 50;

    public static string[] Summarize(IEnumerable<StoreUptime> rows) =>
        [.. rows
            .Where(row => row.Warning is not null)
            .GroupBy(row => row.Warning!, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(MaxDistinct)
            .Select(group => $"{group.Key} ({group.Count()} store(s), e.g. {group.Select(row => row.StoreId).Min(StringComparer.Ordinal)})")];
}
