namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>How much of the ingestion's past the ledger keeps: the API pages and refuses by the same bound.</summary>
public static class IngestionHistory
{
    /// <summary>The latest runs kept, with their summaries and rejects; older ones are forgotten.</summary>
    public const int Length = 50;
}
