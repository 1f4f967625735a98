using Microsoft.Extensions.Logging;
using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime.Placement;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// Places a store grain on the same silo as its index partition, and spreads the partitions evenly over the silos. A
/// report asks each partition for its stores' rows, so with this placement those calls stay inside one silo instead
/// of two in three crossing to another (as when a store lives wherever ingestion first called it).
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("StoreMonitor.PartitionAffinityPlacement")]
public sealed class PartitionAffinityPlacement : PlacementStrategy
{
    public static readonly PartitionAffinityPlacement Instance = new();
}

/// <summary>Marks a grain keyed by store id, or an index partition (or its live board) keyed by its number, for <see cref="PartitionAffinityPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PartitionAffinityPlacementAttribute() : PlacementAttribute(PartitionAffinityPlacement.Instance);

/// <summary>
/// Partition <c>p</c> goes to the <c>p mod n</c>-th of the <c>n</c> compatible silos in address order; every silo computes
/// the same answer from the same membership view. Its stores and its live board go where the partition is: placed by
/// the partition's own silo (a partition's deliveries and report slices are what activate its stores), they stay on
/// it, and placed elsewhere (a store page asked for through the API) they follow the same rule as the partition. The
/// view can change between the two: a partition placed while a silo was still joining stays where it was, so a rule
/// alone would put two in three of its stores on another silo once the silo has joined, and every delivery to them
/// and every report call would cross silos.
/// </summary>
internal sealed class PartitionAffinityPlacementDirector(
    LocalPartitions localPartitions, ILogger<PartitionAffinityPlacementDirector> logger) : IPlacementDirector
{
    internal static readonly GrainType IndexPartition = GrainType.Create(GrainTypeNames.StoreIndex);
    private static readonly GrainType LiveBoard = GrainType.Create(GrainTypeNames.LiveBoard);

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(silo => silo).ToArray();
        var partition = PartitionOf(target.GrainIdentity);
        var isPartition = target.GrainIdentity.Type.Equals(IndexPartition);
        if (!isPartition && localPartitions.Contains(partition) && silos.Contains(context.LocalSilo))
        {
            return Task.FromResult(context.LocalSilo);
        }

        var chosen = silos[partition % silos.Length];
        if (isPartition)
        {
            logger.LogDebug("Index partition {Partition} placed on {Silo} by {Placer}, of {Count} compatible silos", partition, chosen, context.LocalSilo, silos.Length);
        }

        return Task.FromResult(chosen);
    }

    /// <summary>The index partition a grain belongs with: its own number for a partition or its live board, its store's for a store.</summary>
    public static int PartitionOf(GrainId grain) =>
        (grain.Type.Equals(IndexPartition) || grain.Type.Equals(LiveBoard)) && grain.TryGetIntegerKey(out var partition, out _)
            ? (int)((ulong)partition % StoreIndex.PartitionCount)
            : StoreIndex.PartitionOf(grain.Key.ToString()!);
}
