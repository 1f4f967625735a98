using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// The cluster-wide list of recently triggered reports (a single grain, key 0), newest first and bounded, so
/// operators can find a report again without keeping its id. The reports themselves stay in their own grains.
/// </summary>
[Alias("StoreMonitor.IReportCatalogGrain")]
public interface IReportCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Record")]
    Task Record(ReportCatalogEntry entry);

    /// <summary>The most recent reports, newest first, at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave, Alias("Recent")]
    Task<ReportCatalogEntry[]> Recent(int limit);
}

[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportCatalogEntry")]
public sealed record ReportCatalogEntry(
    [property: Id(0)] string ReportId,
    [property: Id(1)] Instant CreatedAt,
    [property: Id(2)] Instant? RequestedAsOf);

public static class ReportCatalog
{
    /// <summary>How many recent reports the catalog keeps: enough for an operator, while its one stored row stays small.</summary>
    public const int Capacity = 100;
}
