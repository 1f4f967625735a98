using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// The stores of a partition a report asks for (docs/REPORTS.md#stores): those it names, or those whose id starts with
/// its prefix, in ordinal order. Ids starting with one prefix are one run of the sorted ids, so a prefix costs two
/// binary searches, and named ids one each.
/// </summary>
internal static class StoreSelection
{
    /// <summary>What a report without a store option asks: every store.</summary>
    public static string[] Select(string[] sorted, ReportOptions options)
    {
        var selected = sorted;
        if (options.StorePrefix is { } prefix)
        {
            var start = LowerBound(selected, prefix);
            var end = start;
            while (end < selected.Length && selected[end].StartsWith(prefix, StringComparison.Ordinal))
            {
                end++;
            }

            selected = selected[start..end];
        }

        if (options.StoreIds is { } ids)
        {
            var known = selected;
            selected = [.. ids.Distinct(StringComparer.Ordinal).Where(id => Array.BinarySearch(known, id, StringComparer.Ordinal) >= 0).Order(StringComparer.Ordinal)];
        }

        return selected;
    }

    /// <summary>The named ids this partition does not hold, as one warning (none when it holds them all).</summary>
    public static WarningTally[] Unknown(string[] sorted, ReportOptions options)
    {
        if (options.StoreIds is not { } ids)
        {
            return [];
        }

        var unknown = ids.Distinct(StringComparer.Ordinal).Where(id => Array.BinarySearch(sorted, id, StringComparer.Ordinal) < 0).ToArray();
        return unknown.Length == 0 ? [] : [new WarningTally(UnknownStoreWarning, unknown.Length, unknown.Min(StringComparer.Ordinal)!)];
    }

    public const string UnknownStoreWarning = "Asked for in stores but not held by the service, so it has no row";

    private static int LowerBound(string[] sorted, string value)
    {
        var index = Array.BinarySearch(sorted, value, StringComparer.Ordinal);
        return index >= 0 ? index : ~index;
    }
}
