using NodaTime;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// One report through HTTP: its CSV, and where its wall time went: <paramref name="Trigger"/> is
/// <c>POST /trigger_report</c>'s answer, <paramref name="Download"/> the last <c>GET /get_report</c>, the one that
/// answered the CSV; the rest of <paramref name="Total"/> was the report computing while it was asked for its status.
/// </summary>
internal sealed record ReportDownload(Instant AsOf, byte[] Csv, TimeSpan Total, TimeSpan Trigger, TimeSpan Download);
