using Orleans.Storage;

namespace StoreMonitor.Tests.Support;

/// <summary>Grains of every key shape the ADO.NET provider stores differently, and a read of one through a storage.</summary>
public static class StoredGrains
{
    public static TheoryData<string> KeyKinds { get; } = ["string", "integer", "integer-with-extension", "guid", "guid-with-extension"];

    public static GrainId Of(string keyKind) => keyKind switch
    {
        "string" => GrainId.Create("store", "store-0f3a"),
        "integer" => GrainId.Create(GrainType.Create("store-index"), GrainIdKeyExtensions.CreateIntegerKey(7)),
        "integer-with-extension" => GrainId.Create(GrainType.Create("store-index"), GrainIdKeyExtensions.CreateIntegerKey(-42, "ext")),
        "guid" => GrainId.Create(GrainType.Create("report"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("0b7c4b6e-9d55-4a8e-8f2a-1c3d5e7f9a0b"))),
        "guid-with-extension" => GrainId.Create(GrainType.Create("report"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("f0e1d2c3-b4a5-4968-8776-655443322110"), "part-3")),
        _ => throw new ArgumentOutOfRangeException(nameof(keyKind)),
    };

    public static async Task<GrainState<List<byte>>> ReadAsync(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<List<byte>>([]);
        await storage.ReadStateAsync("store", grain, state);
        return state;
    }
}
