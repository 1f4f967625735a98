using System.Globalization;
using StoreMonitor.Ingestion.Files;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Refuses a changed hours, zone or special hours file that would drop the rows of more than
/// <see cref="IngestionOptions.MaxDroppedStoreShare"/> of the stores the accepted file before it named: most likely a
/// few stores' rows saved over the whole file, which would reset every other store to 24×7, <c>America/Chicago</c> or its
/// weekly hours on every date.
/// A refused file fails as a whole (its error names the counts) and changes no store; a file the guard lets through
/// becomes the accepted one once its run completed.
/// </summary>
internal sealed class SnapshotGuard(SnapshotBaseline baseline, double maxDroppedShare)
{
    public void Check(IReadOnlyList<FileTally> tallies, DatasetCollector collector)
    {
        foreach (var tally in tallies.Where(tally => tally.Kind != InputFileKind.StoreStatus && !tally.Unchanged && tally.Error is null))
        {
            if (baseline.Stores(tally.Kind) is not { } before)
            {
                continue;
            }

            var after = collector.Stores
                .Where(store => DatasetCollector.Named(tally.Kind, store.Value))
                .Select(store => SnapshotStores.Hash(store.Key))
                .ToHashSet();
            var drop = SnapshotDrop.Between(before, after);
            if (!drop.Exceeds(maxDroppedShare))
            {
                continue;
            }

            tally.Error = string.Create(CultureInfo.InvariantCulture,
                $"{drop.Describe(tally.Kind, Path.GetFileName(tally.File))}, more than StoreMonitor:MaxDroppedStoreShare ({maxDroppedShare * 100:0.##}%) allows; nothing from this file was applied and every store keeps its rows. To apply it all the same, upload it with ?replace=true or raise the setting; to change some stores only, upload their rows with ?mode=merge.");
            collector.Discard(tally.Kind);
        }
    }

    /// <summary>Makes the hours, zone and special hours files a completed run applied the accepted ones, for the next run to compare with.</summary>
    public void Accept(IReadOnlyList<FileTally> tallies)
    {
        foreach (var tally in tallies.Where(tally => tally.Kind != InputFileKind.StoreStatus && !tally.Unchanged && tally.Error is null))
        {
            baseline.Accept(tally.Kind, tally.File);
        }
    }
}
