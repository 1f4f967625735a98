namespace StoreMonitor.Bench.Host;

/// <summary><c>POST /trigger_report</c>'s answer.</summary>
internal sealed record ReportTriggered(string ReportId);

/// <summary><c>GET /get_report</c>'s JSON answer while the report runs, or once it failed.</summary>
internal sealed record ReportProgress(string Status, string? Error);
