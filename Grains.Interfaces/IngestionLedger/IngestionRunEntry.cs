using NodaTime;

namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

[Alias("StoreMonitor.IngestionRunOutcome")]
public enum IngestionRunOutcome
{
    /// <summary>Finished, every store updated: the files advanced.</summary>
    Completed = 0,

    /// <summary>Finished with an error (e.g. some stores not updated): the files did not advance; the next run reads the part again.</summary>
    Failed = 1,

    /// <summary>Its lease lapsed (its host died) before it finished: the next run reads its part again.</summary>
    Abandoned = 2,

    /// <summary>It finished after losing its lease: it is not the last completed run and did not advance the files.</summary>
    Superseded = 3,
}

/// <summary>One line of the runs history (newest first, bounded); the full summary is with the run's own grain.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.IngestionRunEntry")]
public sealed record IngestionRunEntry(
    [property: Id(0)] string RunId,
    [property: Id(1)] long RunNumber,
    [property: Id(2)] Instant StartedAt,
    [property: Id(3)] Instant? FinishedAt,
    [property: Id(4)] IngestionRunOutcome Outcome,
    [property: Id(5)] int StoresUpdated,
    [property: Id(6)] long RowsRead,
    [property: Id(7)] long Rejected,
    [property: Id(8)] string? Error);
