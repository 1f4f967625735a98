using NodaTime;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// A computed report: where its rows are stored (<see cref="PartsPerPartition"/> slices of each store-index partition,
/// <see cref="ByteCount"/> bytes of file in all) and the facts the status shows about it, including the ingestion runs
/// its data includes (every run up to <see cref="IncludedRunNumber"/>, the last being <see cref="IncludedRunId"/>).
/// </summary>
public sealed record ReportResult(
    Instant? AsOf,
    int StoresTotal,
    int RowCount,
    string[] Warnings,
    int[] PartsPerPartition,
    long ByteCount,
    string? IncludedRunId = null,
    long IncludedRunNumber = 0);
