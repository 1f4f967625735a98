using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Grains.IngestionLedger;

/// <summary>
/// Everything the ingestion record keeps durably. The leases are persisted too: a new activation (its silo died)
/// must still see the run in progress and the reports reading, or it would let a report read half a run.
/// </summary>
// The alias is the name this type was first stored and called under; aliases never change.
[GenerateSerializer, Alias("StoreMonitor.IngestionStatusState")]
public sealed class IngestionLedgerState
{
    [Id(0)] public IngestionSummary? LastRun { get; set; }

    /// <summary>Per input file (by full path), what the completed runs applied of it.</summary>
    [Id(1)] public Dictionary<string, IngestedFile> Files { get; set; } = [];

    /// <summary>The run holding the ingestion lease, if any, and when the lease lapses without a heartbeat.</summary>
    [Id(2)] public IngestionRunInfo? CurrentRun { get; set; }

    [Id(3)] public Instant LeaseExpiresAt { get; set; }

    /// <summary>The last run number granted: run numbers only grow (they fence store updates).</summary>
    [Id(4)] public long LastRunNumber { get; set; }

    /// <summary>Reports reading the stores, and when each read lease lapses without renewal.</summary>
    [Id(5)] public Dictionary<string, Instant> ReportLeases { get; set; } = [];

    /// <summary>The latest runs, newest first, at most <see cref="IngestionHistory.Length"/>.</summary>
    [Id(6)] public List<IngestionRunEntry> History { get; set; } = [];

    /// <summary>The latest run that never finished, why, and its successor; reports wait while its data is pending.</summary>
    [Id(7)] public AbandonedRun? Abandoned { get; set; }
}
