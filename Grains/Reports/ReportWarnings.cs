using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// Condenses per-store data warnings into a few lines an operator can act on. Each slice of a report tallies its own
/// stores' warnings; the report merges the tallies, so no one process needs every row.
/// </summary>
public static class ReportWarnings
{
    private const int MaxDistinct = 50;

    public static WarningTally[] Tally(IEnumerable<StoreUptime> rows) => Tally(rows.Select(row => (row.StoreId, row.Warning)));

    public static WarningTally[] Tally(IEnumerable<StoreWindowUptime> rows) => Tally(rows.Select(row => (row.StoreId, row.Warning)));

    private static WarningTally[] Tally(IEnumerable<(string StoreId, string? Warning)> rows) =>
        [.. rows
            .Where(row => row.Warning is not null)
            .GroupBy(row => row.Warning!, StringComparer.Ordinal)
            .Select(group => new WarningTally(group.Key, group.Count(), group.Select(row => row.StoreId).Min(StringComparer.Ordinal)!))];

    public static string[] Summarize(IEnumerable<WarningTally> tallies) =>
        [.. tallies
            .GroupBy(tally => tally.Warning, StringComparer.Ordinal)
            .Select(group => (Warning: group.Key, Stores: group.Sum(tally => tally.Stores), First: group.Select(tally => tally.FirstStoreId).Min(StringComparer.Ordinal)))
            .OrderByDescending(warning => warning.Stores)
            .ThenBy(warning => warning.Warning, StringComparer.Ordinal)
            .Take(MaxDistinct)
            .Select(warning => $"{warning.Warning} ({warning.Stores} store(s), e.g. {warning.First})")];
}
