namespace StoreMonitor.Engine.Live;

/// <summary>Keeps the latest <c>capacity</c> changes a derivation finds (a ring), so a long history costs bounded memory.</summary>
public struct LatestStatusChanges : IStatusChangeSink
{
    private readonly StatusChange[] ring;
    private long added;

    public LatestStatusChanges(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ring = new StatusChange[capacity];
        added = 0;
    }

    public void Add(in StatusChange change) => ring[added++ % ring.Length] = change;

    /// <summary>The changes kept, newest first.</summary>
    public readonly StatusChange[] NewestFirst()
    {
        int count = (int)Math.Min(added, ring.Length);
        var newest = new StatusChange[count];
        for (var i = 0; i < count; i++)
        {
            newest[i] = ring[(added - 1 - i) % ring.Length];
        }

        return newest;
    }
}
