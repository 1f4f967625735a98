using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

[GenerateSerializer, Alias("StoreMonitor.ReportCatalogState")]
public sealed class ReportCatalogState
{
    /// <summary>Oldest first; trimmed to <see cref="ReportCatalog.Capacity"/>.</summary>
    [Id(0)] public List<ReportCatalogEntry> Entries { get; set; } = [];
}
