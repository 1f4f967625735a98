using NodaTime;

namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

[Alias("StoreMonitor.IngestionState")]
public enum IngestionState
{
    /// <summary>No run holds the lease and none is pending.</summary>
    Idle = 0,

    /// <summary>A run holds the lease.</summary>
    Running = 1,

    /// <summary>A run was abandoned and no run has taken over yet: reports wait for one to take over and complete.</summary>
    Pending = 2,
}

/// <summary>
/// A run in progress. <see cref="RunNumber"/> is assigned when the lease is granted and only grows: a store refuses an
/// update from a run older than the newest it has seen (a fencing token), so a run that lost its lease cannot write
/// over a newer one. <see cref="FullRead"/> reads every file whole, ignoring what earlier runs recorded.
/// <see cref="LeaseDuration"/> is how long the granted lease lasts without a renewal, as the silos grant it.
/// <see cref="Push"/> marks a push of polls over HTTP (<c>POST /polls</c>): a small run of its own under the same lease,
/// numbered and fenced like a file run, that reads no file and is ended with <see cref="IIngestionLedgerGrain.EndPush"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.IngestionRunInfo")]
public sealed record IngestionRunInfo(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Directory,
    [property: Id(2)] Instant StartedAt,
    [property: Id(3)] long RunNumber = 0,
    [property: Id(4)] bool FullRead = false,
    [property: Id(5)] LeaseHolder? Holder = null,
    [property: Id(6)] Duration LeaseDuration = default,
    [property: Id(7)] bool Push = false);

/// <summary>
/// What one file contributed to a run. <see cref="Error"/> is set when the file as a whole could not be read;
/// <see cref="Removed"/> when the run removed the file, a poll drop applied longer ago than the inbox retention.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.FileIngestionSummary")]
public sealed record FileIngestionSummary(
    [property: Id(0)] string File,
    [property: Id(1)] long RowsRead,
    [property: Id(2)] long Accepted,
    [property: Id(3)] long Duplicates,
    [property: Id(4)] long Rejected,
    [property: Id(5)] string[] FirstRejections,
    [property: Id(6)] string? Error = null,
    [property: Id(7)] long ReadFrom = 0,
    [property: Id(8)] bool Unchanged = false,
    [property: Id(9)] bool Removed = false);

/// <summary>The outcome of one run: per-file counts, stores touched, timing, and a fingerprint of the inputs.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.IngestionSummary")]
public sealed record IngestionSummary(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Directory,
    [property: Id(2)] Instant StartedAt,
    [property: Id(3)] Instant FinishedAt,
    [property: Id(4)] FileIngestionSummary[] Files,
    [property: Id(5)] int StoresUpdated,
    [property: Id(6)] string InputFingerprint,
    [property: Id(7)] string? Error,
    [property: Id(8)] string[] Warnings,
    [property: Id(9)] long RunNumber = 0);

/// <summary>
/// The state of ingestion. <see cref="ReportsReading"/> is how many reports hold a read lease: a run that began while
/// they read waits for them before it writes. <see cref="ReportsWaitFor"/> says why a report would wait now (null when
/// one would read at once); <see cref="LastAbandoned"/> is the latest run that never finished, and its successor.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.IngestionStatus")]
public sealed record IngestionStatus(
    [property: Id(0)] IngestionState State,
    [property: Id(1)] IngestionRunInfo? CurrentRun,
    [property: Id(2)] IngestionSummary? LastRun,
    [property: Id(3)] int ReportsReading = 0,
    [property: Id(4)] string? ReportsWaitFor = null,
    [property: Id(5)] AbandonedRun? LastAbandoned = null);
