using NodaTime;

namespace StoreMonitor.Grains.Reports;

/// <summary>A computed report: the file and the facts the status shows about it.</summary>
public sealed record ReportResult(Instant? AsOf, int StoresTotal, int RowCount, string[] Warnings, byte[] Csv);
