namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// Where a complete report's file is stored: the pieces of <see cref="OwnerReportId"/> (the report itself, or the
/// identical report whose computation it shares), <see cref="PartsPerPartition"/>[p] slices for each store-index
/// partition p, <see cref="ByteCount"/> bytes in all. A report stored before reports were kept in pieces carries its
/// whole file in <see cref="WholeFile"/> instead. <see cref="Header"/>: the header line of a report with options
/// (docs/REPORTS.md#columns); null for the SPEC header.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportContent")]
public sealed record ReportContent(
    [property: Id(0)] string OwnerReportId,
    [property: Id(1)] int[] PartsPerPartition,
    [property: Id(2)] long ByteCount,
    [property: Id(3)] byte[]? WholeFile = null,
    [property: Id(4)] string? Header = null);
