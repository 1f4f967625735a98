namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>Maps a store id to its index partition with a hash that is stable across processes and versions.</summary>
public static class StoreIndex
{
    /// <summary>Fixed forever for a given database: changing it would orphan the registered ids.</summary>
    public const int PartitionCount = 64;

    public static int PartitionOf(string storeId)
    {
        // FNV-1a over the UTF-16 code units: string.GetHashCode is randomised per process, so it cannot be used.
        var hash = 2166136261u;
        foreach (var c in storeId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % PartitionCount);
    }
}
