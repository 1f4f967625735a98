using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Reports;

[Alias("StoreMonitor.ReportState")]
public enum ReportState
{
    /// <summary>No report with this id was ever started.</summary>
    Unknown = 0,
    Running = 1,
    Complete = 2,
    Failed = 3,
}

/// <summary>
/// A report's progress and outcome, as the API shows it. <see cref="QueuePosition"/>: 1 = next to compute, 0 = not
/// queued. <see cref="WaitingFor"/>: while waiting for ingestion, why. <see cref="SharedFrom"/>: the identical report
/// whose computation (and stored rows) a complete report shares; <see cref="Following"/>: while running, the one it is
/// set to share. <see cref="Options"/>: what the report was asked to show (null: the SPEC report).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportStatus")]
public sealed record ReportStatus(
    [property: Id(0)] string ReportId,
    [property: Id(1)] ReportState State,
    [property: Id(2)] Instant? RequestedAsOf,
    [property: Id(3)] Instant? AsOf,
    [property: Id(4)] Instant? CreatedAt,
    [property: Id(5)] Instant? FinishedAt,
    [property: Id(6)] int StoresDone,
    [property: Id(7)] int StoresTotal,
    [property: Id(8)] int RowCount,
    [property: Id(9)] string? Error,
    [property: Id(10)] string[] Warnings,
    [property: Id(11)] ReportPhase Phase,
    [property: Id(12)] int QueuePosition = 0,
    [property: Id(13)] string? IncludedRunId = null,
    [property: Id(14)] long IncludedRunNumber = 0,
    [property: Id(15)] string? WaitingFor = null,
    [property: Id(16)] string? SharedFrom = null,
    [property: Id(17)] string? Following = null,
    [property: Id(18)] ReportOptions? Options = null);
