namespace StoreMonitor.Grains.Webhooks;

/// <summary>One stored piece of a subscription's queue (<see cref="PendingQueue"/>): its deliveries, oldest first.</summary>
[GenerateSerializer, Alias("StoreMonitor.PendingQueuePiece")]
public sealed class PendingQueuePiece
{
    [Id(0)] public List<PendingDelivery> Deliveries { get; set; } = [];
}
