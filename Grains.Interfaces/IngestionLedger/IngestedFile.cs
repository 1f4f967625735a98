using NodaTime;

namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>
/// What the last completed run took from one input file, so the next run reads only what is new.
/// <see cref="Position"/> is the end of the last whole line applied (never ahead of what the stores hold);
/// <see cref="PrefixHash"/> (XxHash3) covers the bytes before it, so a file that was rewritten rather than
/// appended to is recognised and read whole. <see cref="Size"/> and <see cref="ModifiedUnixTicks"/> are the file
/// as the run opened it: when both are unchanged the file is not opened at all. All of it describes the bytes the run
/// actually read, never the path re-read afterwards (a file replaced mid-run then differs and is read next run).
/// <see cref="RetainedSince"/> is when the retention of a poll drop began (<c>StoreMonitor:Inbox:Retention</c>): the
/// completed run that applied the file without a file error, or the last attempt to remove it once due that failed (so
/// it is tried once a retention, not on every scan). It is null for a file that failed, which is therefore never removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.IngestedFile")]
public sealed record IngestedFile(
    [property: Id(0)] string Path,
    [property: Id(1)] long Size,
    [property: Id(2)] long ModifiedUnixTicks,
    [property: Id(3)] long Position,
    [property: Id(4)] long Lines,
    [property: Id(5)] ulong PrefixHash,
    [property: Id(6)] string RunId,
    [property: Id(7)] Instant? RetainedSince = null);
