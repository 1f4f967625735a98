using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>Keeps the last <see cref="ReportCatalog.Capacity"/> report ids durably; older ones drop off the list (the reports remain).</summary>
[GrainType(GrainTypeNames.ReportCatalog)]
public sealed class ReportCatalogGrain(
    [PersistentState(StateNames.ReportCatalog, StorageNames.Grains)] IPersistentState<ReportCatalogState> state) : Grain, IReportCatalogGrain
{
    public async Task Record(ReportCatalogEntry entry)
    {
        var entries = state.State.Entries;
        if (entries.Exists(known => known.ReportId == entry.ReportId))
        {
            return;
        }

        entries.Add(entry);
        if (entries.Count > ReportCatalog.Capacity)
        {
            entries.RemoveRange(0, entries.Count - ReportCatalog.Capacity);
        }

        await state.WriteStateAsync();
    }

    public Task<ReportCatalogEntry[]> Recent(int limit)
    {
        var entries = state.State.Entries;
        var count = Math.Clamp(limit, 0, entries.Count);
        var recent = new ReportCatalogEntry[count];
        for (var i = 0; i < count; i++)
        {
            recent[i] = entries[entries.Count - 1 - i];
        }

        return Task.FromResult(recent);
    }
}
