namespace StoreMonitor.Ingestion.Push;

/// <summary>What became of a push's valid polls.</summary>
public enum PollPushStatus
{
    /// <summary>Every store holds its polls durably: answer 202.</summary>
    Stored,

    /// <summary>Nothing was written: a file run or reports held the ingestion ledger too long. Send it again later.</summary>
    Busy,

    /// <summary>Some stores may hold their polls, others not (a store failed, or the push ran out of lease): send it again.</summary>
    Failed,
}

/// <summary>
/// A push's outcome: for <see cref="PollPushStatus.Stored"/> the polls new to their stores and the duplicates, and the
/// run number that fenced the push; otherwise why, and when to send it again.
/// </summary>
public sealed record PollPushOutcome(
    PollPushStatus Status,
    long Accepted = 0,
    long Duplicates = 0,
    int Stores = 0,
    long RunNumber = 0,
    string? Reason = null,
    TimeSpan RetryAfter = default);
