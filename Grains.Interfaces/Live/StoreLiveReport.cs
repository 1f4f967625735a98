namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>One store's <see cref="StoreLiveStatus"/>, handed to its partition's live board.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreLiveReport")]
public sealed record StoreLiveReport(
    [property: Id(0)] string StoreId,
    [property: Id(1)] StoreLiveStatus Status);
