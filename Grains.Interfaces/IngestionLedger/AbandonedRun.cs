using NodaTime;

namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>
/// A run that never finished (its host died or stopped mid-run) and what became of the data it left half-written:
/// reports wait from <see cref="AbandonedAt"/> until a successor run has re-read its part and completed
/// (<see cref="RecoveredAt"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.AbandonedRun")]
public sealed record AbandonedRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] long RunNumber,
    [property: Id(2)] Instant StartedAt,
    [property: Id(3)] Instant AbandonedAt,
    [property: Id(4)] string Reason,
    [property: Id(5)] string? SuccessorRunId = null,
    [property: Id(6)] long SuccessorRunNumber = 0,
    [property: Id(7)] Instant? RecoveredAt = null)
{
    /// <summary>True until a successor run has completed: until then reports wait, and the host is not ready.</summary>
    public bool DataPending => RecoveredAt is null;
}
