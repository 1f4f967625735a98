using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// Which listed reports to delete: those older than <see cref="ReportRetentionOptions.KeepFor"/> beyond the
/// <see cref="ReportRetentionOptions.KeepAtLeast"/> latest, and the oldest beyond
/// <see cref="ReportRetentionOptions.KeepAtMost"/>; but never one whose rows a kept report shows or is set to show
/// (it computed for an identical report, which shares its rows).
/// </summary>
public static class ReportRetention
{
    /// <param name="Expire">The reports to delete.</param>
    /// <param name="Learned">Finished reports newly found to show the rows of the report named, to keep in their entries.</param>
    public sealed record Plan(IReadOnlyList<ReportCatalogEntry> Expire, IReadOnlyDictionary<string, string> Learned);

    /// <param name="entries">Oldest first.</param>
    /// <param name="unfollowable">Called with the reports past their retention before the kept ones are looked at: from
    /// then on no report may start sharing theirs, so the look finds every report that does.</param>
    public static async Task<Plan> PlanAsync(
        IReadOnlyList<ReportCatalogEntry> entries,
        ReportRetentionOptions retention,
        Instant now,
        Func<IReadOnlyList<ReportCatalogEntry>, Task> unfollowable,
        Func<string, Task<ReportStatus>> statusOf)
    {
        var keptFrom = Math.Max(0, entries.Count - retention.KeepAtLeast);
        var oldestAllowed = Math.Max(0, entries.Count - retention.KeepAtMost);
        while (keptFrom > oldestAllowed && now - entries[keptFrom - 1].CreatedAt < Duration.FromTimeSpan(retention.KeepFor))
        {
            keptFrom--;
        }

        var learned = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keptFrom == 0)
        {
            return new Plan([], learned);
        }

        var past = entries.Take(keptFrom).ToList();
        await unfollowable(past);

        // Whose rows do the kept reports show? A finished one is asked once; the answer stays in its entry.
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Skip(keptFrom))
        {
            if (entry.RowsOf is { } known)
            {
                shown.Add(known);
                continue;
            }

            var status = await statusOf(entry.ReportId);
            if (status.State == ReportState.Running)
            {
                if (status.Following is { } leader)
                {
                    shown.Add(leader);
                }

                continue;
            }

            var rowsOf = status.SharedFrom ?? entry.ReportId;
            learned[entry.ReportId] = rowsOf;
            shown.Add(rowsOf);
        }

        return new Plan([.. past.Where(entry => !shown.Contains(entry.ReportId))], learned);
    }
}
