using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

[GenerateSerializer, Alias("StoreMonitor.ReportCatalogState")]
public sealed class ReportCatalogState
{
    /// <summary>Every report kept, oldest first (see <see cref="ReportRetention"/>).</summary>
    [Id(0)] public List<ReportCatalogEntry> Entries { get; set; } = [];
}
