using System.Collections.Concurrent;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// The index partitions active on this silo. <see cref="PartitionAffinityPlacementDirector"/> places a store or live
/// board that its partition calls for the first time beside the partition, wherever the partition itself was placed.
/// </summary>
public sealed class LocalPartitions
{
    private readonly ConcurrentDictionary<int, byte> _active = new();

    public void Activated(int partition) => _active[partition] = 0;

    public void Deactivated(int partition) => _active.TryRemove(partition, out _);

    public bool Contains(int partition) => _active.ContainsKey(partition);
}
