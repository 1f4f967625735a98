using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>One report run, keyed by report id: computes in the background, keeps its result durably.</summary>
[Alias("StoreMonitor.IReportGrain")]
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (idempotent: a second call for a known report changes nothing) and returns at once.</summary>
    [Alias("Start")]
    Task<ReportStatus> Start(ReportRequest request);

    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<ReportStatus> GetStatus();

    /// <summary>Where the complete report's file is stored (read it with <see cref="ReportFile"/>); null before it is complete.</summary>
    [AlwaysInterleave]
    [Alias("GetContent")]
    Task<ReportContent?> GetContent();

    /// <summary>
    /// Deletes the report, its stored rows and its record, so its id is unknown from then on; false (and nothing
    /// deleted) while it is running. Called by the report catalog's retention sweep.
    /// </summary>
    [Alias("Expire")]
    Task<bool> Expire();
}

/// <summary>What the caller asked for: an explicit report time, or null for "the latest poll"; and the report's options
/// (null: the SPEC report).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportRequest")]
public sealed record ReportRequest([property: Id(0)] Instant? AsOf, [property: Id(1)] ReportOptions? Options = null);
