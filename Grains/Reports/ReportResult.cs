using NodaTime;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// A computed report: the file and the facts the status shows about it, including the ingestion runs its data
/// includes (every run up to <see cref="IncludedRunNumber"/>, the last being <see cref="IncludedRunId"/>).
/// </summary>
public sealed record ReportResult(Instant? AsOf, int StoresTotal, int RowCount, string[] Warnings, byte[] Csv, string? IncludedRunId = null, long IncludedRunNumber = 0);
