using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// The live board of one index partition (key = partition number, beside its <c>IStoreIndexGrain</c>): every store's live
/// condition as the stores last reported it, so that "what is down or silent now" needs no store of the partition but
/// those, and a sweep that finds the stores whose silence deadline passed, asking only them (docs/LIVE.md#the-board).
/// </summary>
[Alias("StoreMonitor.ILiveBoardGrain")]
public interface ILiveBoardGrain : IGrainWithIntegerKey
{
    /// <summary>The stores' conditions after an ingest (a delivery batch of the partition).</summary>
    [Alias("Update")]
    Task Update(StoreLiveReport[] reports);

    /// <summary>Forgets a removed store.</summary>
    [Alias("Forget")]
    Task Forget(string storeId);

    /// <summary>
    /// The partition's stores down or silent as of <paramref name="now"/>, each asked for its condition and business
    /// minutes lost today now, the <paramref name="limit"/> with the most minutes lost first, and how many there are.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetNotUp")]
    Task<LiveBoardPage> GetNotUp(Instant now, int limit);

    /// <summary>Activates the board, so its sweep runs (each silo wakes every partition's board when it starts).</summary>
    [Alias("Wake")]
    Task Wake();
}

/// <summary>Stores down or silent in one partition: the first <c>limit</c> by minutes lost today, and how many in all.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.LiveBoardPage")]
public sealed record LiveBoardPage(
    [property: Id(0)] StoreLiveReport[] Stores,
    [property: Id(1)] int Total);
