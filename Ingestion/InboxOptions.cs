namespace StoreMonitor.Ingestion;

/// <summary>
/// How long poll drops stay once applied (<c>StoreMonitor:Inbox:*</c>): uploads in <c>inbox/</c> and hourly
/// <c>store_status*.csv</c> files are each read once, so keeping them forever would only grow the directory and the
/// ledger's file record. Their polls live on in the stores.
/// </summary>
public sealed class InboxOptions
{
    /// <summary>
    /// A drop that a completed run applied whole longer ago than this is removed, and its record with it;
    /// <c>00:00:00</c> keeps every drop.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
