namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>One store's update, handed to its index partition to deliver inside the partition's silo.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreDelivery")]
public sealed record StoreDelivery(
    [property: Id(0)] string StoreId,
    [property: Id(1)] StoreUpdate Update);

/// <summary>What one delivered update came to: the store's result, or why it failed (the others went on).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreDeliveryOutcome")]
public sealed record StoreDeliveryOutcome(
    [property: Id(0)] StoreIngestResult? Result,
    [property: Id(1)] string? Error);
