namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>
/// Permission for a report to read the stores, and which ingestion runs the data it reads includes: every run up to
/// <see cref="LastRunNumber"/>, the last completed one being <see cref="LastRunId"/> (null before any run).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportReadGrant")]
public sealed record ReportReadGrant(
    [property: Id(0)] string? LastRunId,
    [property: Id(1)] long LastRunNumber);
