using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

/// <summary>A partition's live board as stored: each store's condition as it last reported it, by store id.</summary>
[GenerateSerializer, Alias("StoreMonitor.LiveBoardState")]
public sealed class LiveBoardState
{
    [Id(0)] public Dictionary<string, StoreLiveStatus> Stores { get; set; } = new(StringComparer.Ordinal);
}
