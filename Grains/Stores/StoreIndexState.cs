namespace StoreMonitor.Grains.Stores;

[GenerateSerializer, Alias("StoreMonitor.StoreIndexState")]
public sealed class StoreIndexState
{
    [Id(0)] public List<string> StoreIds { get; set; } = [];

    [Id(1)] public long? LatestPollUnixTicks { get; set; }
}
