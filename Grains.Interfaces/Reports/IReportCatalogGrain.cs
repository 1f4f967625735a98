using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// The cluster-wide list of the reports kept (a single grain, key 0), so operators can find a report again without
/// keeping its id, and the reports' retention: every hour (and whenever more than
/// <c>StoreMonitor:ReportRetention:KeepAtMost</c> are listed) it deletes the reports past their retention.
/// </summary>
[Alias("StoreMonitor.IReportCatalogGrain")]
public interface IReportCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Record")]
    Task Record(ReportCatalogEntry entry);

    /// <summary>The most recent reports, newest first, at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave, Alias("Recent")]
    Task<ReportCatalogEntry[]> Recent(int limit);

    /// <summary>Deletes the reports past their retention now; answers how many were deleted.</summary>
    [Alias("Sweep")]
    Task<int> Sweep();
}

/// <param name="RowsOf">Once the report has finished: the report whose stored rows it shows (itself, or the identical
/// report it shares).</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportCatalogEntry")]
public sealed record ReportCatalogEntry(
    [property: Id(0)] string ReportId,
    [property: Id(1)] Instant CreatedAt,
    [property: Id(2)] Instant? RequestedAsOf,
    [property: Id(3)] string? RowsOf = null);

public static class ReportCatalog
{
    /// <summary>The most reports one listing shows.</summary>
    public const int MaxListed = 100;
}
