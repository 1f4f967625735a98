namespace StoreMonitor.Ingestion.Parsing;

/// <summary>How a time value read, so the rejection can say what is wrong with it.</summary>
internal enum ParseOutcome
{
    Valid,

    /// <summary>Not in any accepted format, or out of range (month 13, Feb 30, 25:00).</summary>
    Malformed,

    /// <summary>Well formed, but with non-zero fractional digits past the 7th: finer than a tick, so it would be rounded.</summary>
    FinerThanTick,
}
