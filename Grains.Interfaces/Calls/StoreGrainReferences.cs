using Orleans.GrainReferences;
using Orleans.Metadata;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Interfaces.Calls;

/// <summary>
/// References to store grains for the paths that make one per store: an ingestion's updates and a report's
/// fan-out. <c>IGrainFactory.GetGrain</c> resolves the interface's type from its attributes on every call (3.3 µs a
/// reference against 0.19 µs here, 4 % of a new hour's CPU in a profile); this resolves it once and builds the same
/// reference.
/// </summary>
public sealed class StoreGrainReferences(GrainReferenceActivator references, GrainInterfaceTypeResolver interfaces)
{
    private static readonly GrainType StoreGrainType = GrainType.Create(GrainTypeNames.Store);

    private readonly GrainInterfaceType _storeInterface = interfaces.GetGrainInterfaceType(typeof(IStoreGrain));

    public IStoreGrain Get(string storeId) =>
        (IStoreGrain)references.CreateReference(GrainId.Create(StoreGrainType, storeId), _storeInterface);
}
