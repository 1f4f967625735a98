namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// How long the rows of cleared grain state stay (<c>StoreMonitor:ClearedState:*</c>). The ADO.NET provider clears a
/// state by emptying its row, not deleting it, so every expired report, forgotten ingestion run and deleted webhook
/// subscription would leave rows behind for ever; the silos delete those older than <see cref="KeptFor"/> every
/// <see cref="PurgeInterval"/> (<see cref="Storage.ClearedStatePurge"/>).
/// </summary>
public sealed class ClearedStateOptions
{
    /// <summary>
    /// Far longer than any activation that cleared its state lives on: such an activation holds the emptied row's
    /// version, and would write against it once.
    /// </summary>
    public TimeSpan KeptFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a silo deletes the rows past <see cref="KeptFor"/>; the first time one interval after it starts.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
