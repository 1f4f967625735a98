using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// A report's durable record. Each transition builds a new record from the current one, so the grain can
/// keep the old record when the write of a new one fails: what a caller sees is always what is stored.
/// </summary>
[GenerateSerializer, Alias("StoreMonitor.ReportGrainState")]
public sealed class ReportGrainState
{
    [Id(0)] public ReportState Status { get; set; }

    [Id(1)] public Instant? RequestedAsOf { get; set; }

    [Id(2)] public Instant? AsOf { get; set; }

    [Id(3)] public Instant? CreatedAt { get; set; }

    [Id(4)] public Instant? FinishedAt { get; set; }

    [Id(5)] public int StoresTotal { get; set; }

    [Id(6)] public int RowCount { get; set; }

    [Id(7)] public string? Error { get; set; }

    [Id(8)] public string[] Warnings { get; set; } = [];

    /// <summary>
    /// The whole file of a report stored before reports were kept in pieces: still served. A report computed now keeps
    /// its rows in <see cref="IReportPartGrain"/> pieces (<see cref="PartsPerPartition"/>), so this record stays small.
    /// </summary>
    [Id(9)] public byte[]? Csv { get; set; }

    /// <summary>
    /// Set when an identical report did the computation: the CSV is that report's (durable in its own state), so
    /// fifty identical reports store one file, not fifty.
    /// </summary>
    [Id(10)] public string? SharedFrom { get; set; }

    /// <summary>The last ingestion run the report's data includes (every run up to <see cref="IncludedRunNumber"/>, none after).</summary>
    [Id(11)] public string? IncludedRunId { get; set; }

    [Id(12)] public long IncludedRunNumber { get; set; }

    /// <summary>How many pieces of rows each store-index partition stored (see <see cref="ReportParts.Key"/>).</summary>
    [Id(13)] public int[]? PartsPerPartition { get; set; }

    /// <summary>The size of the file the pieces make.</summary>
    [Id(14)] public long ByteCount { get; set; }

    /// <summary>What the report was asked to show (docs/REPORTS.md); null for the SPEC report, as every report stored
    /// before options existed.</summary>
    [Id(15)] public ReportOptions? Options { get; set; }

    public static ReportGrainState Running(Instant? requestedAsOf, Instant createdAt, ReportOptions? options = null) => new()
    {
        Status = ReportState.Running,
        RequestedAsOf = requestedAsOf,
        CreatedAt = createdAt,
        Options = options,
    };

    public ReportGrainState Completed(ReportResult result, Instant finishedAt) => new()
    {
        Status = ReportState.Complete,
        RequestedAsOf = RequestedAsOf,
        CreatedAt = CreatedAt,
        Options = Options,
        AsOf = result.AsOf,
        FinishedAt = finishedAt,
        StoresTotal = result.StoresTotal,
        RowCount = result.RowCount,
        Warnings = result.Warnings,
        PartsPerPartition = result.PartsPerPartition,
        ByteCount = result.ByteCount,
        IncludedRunId = result.IncludedRunId,
        IncludedRunNumber = result.IncludedRunNumber,
    };

    /// <summary>Complete with the result of the identical report <paramref name="leaderId"/>, which keeps the file.</summary>
    public ReportGrainState CompletedFrom(string leaderId, ReportStatus leader, Instant finishedAt) => new()
    {
        Status = ReportState.Complete,
        RequestedAsOf = RequestedAsOf,
        CreatedAt = CreatedAt,
        Options = Options,
        AsOf = leader.AsOf,
        FinishedAt = finishedAt,
        StoresTotal = leader.StoresTotal,
        RowCount = leader.RowCount,
        Warnings = leader.Warnings,
        SharedFrom = leaderId,
        // The leader's data is the follower's: so are the ingestion runs it includes.
        IncludedRunId = leader.IncludedRunId,
        IncludedRunNumber = leader.IncludedRunNumber,
    };

    /// <summary>A failed report keeps what was asked and why it failed, and nothing of a partial result.</summary>
    public ReportGrainState Failed(string error, Instant finishedAt) => new()
    {
        Status = ReportState.Failed,
        RequestedAsOf = RequestedAsOf,
        CreatedAt = CreatedAt,
        Options = Options,
        FinishedAt = finishedAt,
        Error = error,
    };
}
