namespace StoreMonitor.Grains.Hosting;

/// <summary>The live events' settings (<c>StoreMonitor:Live:*</c>); the rules they tune are in docs/LIVE.md.</summary>
public sealed class LiveOptions
{
    /// <summary>A store open and unpolled for longer than this falls silent (<c>store.silent</c>).</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How old an event may be and still be sent live: one at or before a store's newest poll is sent when it lies within
    /// this of that poll, a silence after it when it began within this of now. Older ones (a first run back-filling a
    /// week, a silo that was down) only show in the history and on the board.
    /// </summary>
    public TimeSpan EventHorizon { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often each partition's board looks for stores whose silence deadline passed.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a board writes what changed on it (and when it deactivates).</summary>
    public TimeSpan BoardWriteInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every reason these settings cannot be used, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (SilentAfter <= TimeSpan.Zero)
        {
            yield return "StoreMonitor:Live:SilentAfter must be positive.";
        }

        if (EventHorizon < TimeSpan.Zero)
        {
            yield return "StoreMonitor:Live:EventHorizon must not be negative.";
        }

        if (SweepInterval < TimeSpan.FromMilliseconds(50) || SweepInterval > TimeSpan.FromHours(1))
        {
            yield return $"StoreMonitor:Live:SweepInterval must be between 00:00:00.05 and 01:00:00, not {SweepInterval:c}.";
        }

        if (BoardWriteInterval < TimeSpan.Zero)
        {
            yield return "StoreMonitor:Live:BoardWriteInterval must not be negative.";
        }
    }
}
