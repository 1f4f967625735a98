using System.Text.Json.Serialization;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

public sealed record ReportTriggered(string ReportId);

public sealed record RecentReports(ReportProgress[] Reports);

/// <summary>
/// The JSON body of <c>get_report</c> while a report is running, or when it failed. <c>queue_position</c> appears
/// only in phase <c>queued</c> (1 = next to compute), <c>waiting_for</c> only in phase <c>waiting-for-ingestion</c> (why).
/// <c>status</c> is exactly <c>Running</c>, <c>Complete</c> or <c>Failed</c>; <c>options</c> echoes the report's options
/// (null for the SPEC report); <c>download_url</c>, once complete, is where its CSV is.
/// </summary>
public sealed record ReportProgress(
    string ReportId,
    string Status,
    ReportPhase Phase,
    string? AsOf,
    string? CreatedAt,
    string? FinishedAt,
    int StoresDone,
    int StoresTotal,
    int RowCount,
    string? Error,
    string[] Warnings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? QueuePosition,
    long IncludedRunNumber,
    string? IncludedRunId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WaitingFor,
    ReportOptionsView? Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DownloadUrl)
{
    public static ReportProgress From(ReportStatus status) => From(status, int.MaxValue);

    /// <summary>The report's progress as a list of reports shows it: at most <see cref="ReportOptionsView.ListedStores"/> of its named stores.</summary>
    public static ReportProgress Listed(ReportStatus status) => From(status, ReportOptionsView.ListedStores);

    private static ReportProgress From(ReportStatus status, int maxStores) => new(
        status.ReportId,
        status.State.ToString(),
        status.Phase,
        IsoInstant.Format(status.AsOf ?? status.RequestedAsOf),
        IsoInstant.Format(status.CreatedAt),
        IsoInstant.Format(status.FinishedAt),
        status.StoresDone,
        status.StoresTotal,
        status.RowCount,
        status.Error,
        status.Warnings,
        status.QueuePosition > 0 ? status.QueuePosition : null,
        status.IncludedRunNumber,
        status.IncludedRunId,
        status.WaitingFor,
        ReportOptionsView.From(status.Options, maxStores),
        status.State == ReportState.Complete ? ReportDownloads.CsvPath(status.ReportId) : null);
}
