using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>
/// One partition of the set of known stores (key = partition number, see <see cref="StoreIndex"/>).
/// Partitioning keeps any one grain and message small at a million stores, and lets a report's fan-out
/// run in parallel across partitions — and so across silos — instead of through one grain.
/// </summary>
[Alias("StoreMonitor.IStoreIndexGrain")]
public interface IStoreIndexGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(StoreRegistration[] stores);

    /// <summary>
    /// Hands each of <paramref name="deliveries"/> (stores of this partition) to its store, at most
    /// <paramref name="maxConcurrency"/> at once, and answers their outcomes in order. The stores live on this
    /// partition's silo, so ingestion pays one message per batch to the cluster instead of one per store. A store
    /// that fails is named in its outcome and does not stop the others; the batch does not register the stores.
    /// </summary>
    [AlwaysInterleave]
    [Alias("Deliver")]
    Task<StoreDeliveryOutcome[]> Deliver(StoreDelivery[] deliveries, int maxConcurrency);

    /// <summary>
    /// Forgets a store, so reports no longer ask for it; false when it was not registered. When the store held the
    /// partition's latest poll (<paramref name="latestPollUnixTicks"/>), the latest poll is found again among the others.
    /// </summary>
    [Alias("Unregister")]
    Task<bool> Unregister(string storeId, long? latestPollUnixTicks);

    [AlwaysInterleave]
    [Alias("GetOverview")]
    Task<PartitionOverview> GetOverview();

    /// <summary>
    /// Whether this partition knows <paramref name="storeId"/>, answered from the partition's memory: asking about an id
    /// that was never ingested activates no store.
    /// </summary>
    [AlwaysInterleave]
    [Alias("Contains")]
    Task<bool> Contains(string storeId);

    /// <summary>
    /// Up to <paramref name="limit"/> of this partition's store ids in ordinal order, after <paramref name="after"/>
    /// (exclusive, null = from the start), containing <paramref name="search"/> (case-insensitive) when given. It looks
    /// at no more than <paramref name="maxExamined"/> ids (at least <paramref name="limit"/>), so a search that matches
    /// little costs a bounded amount per call; the answer says how far it looked.
    /// </summary>
    [AlwaysInterleave]
    [Alias("ListStorePage")]
    Task<StoreIdPage> ListStorePage(string? search, string? after, int limit, int maxExamined);

    /// <summary>
    /// Computes one slice of a report (the partition's stores in ordinal id order, <see cref="ReportSliceRequest.SliceStores"/>
    /// at a time) and stores its rows as a <see cref="IReportPartGrain"/>. Waits at most <paramref name="maxWait"/>, so no
    /// call's duration grows with the stores or with a slow one: null means "still computing, ask again". Asking again
    /// joins the computation already running; it never starts a second one.
    /// </summary>
    [AlwaysInterleave]
    [Alias("ComputeReportSlice")]
    Task<ReportSliceSummary?> ComputeReportSlice(ReportSliceRequest request, TimeSpan maxWait);
}

/// <param name="StoreIds">The matching ids found, in ordinal order.</param>
/// <param name="ExaminedThrough">The last id looked at when the partition stopped before its end (the limit was reached,
/// or the ids it may examine were spent); null when it looked at every id after the cursor.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreIdPage")]
public sealed record StoreIdPage(
    [property: Id(0)] string[] StoreIds,
    [property: Id(1)] string? ExaminedThrough);

/// <summary>A store that exists, and its latest poll (so the report time can be found without asking every store).</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreRegistration")]
public readonly record struct StoreRegistration(
    [property: Id(0)] string StoreId,
    [property: Id(1)] long? LatestPollUnixTicks);

/// <param name="Version">Changes whenever the partition registers stores (and on every activation), so two equal
/// versions mean no ingestion touched the partition in between: identical reports may share one computation.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.PartitionOverview")]
public sealed record PartitionOverview(
    [property: Id(0)] int StoreCount,
    [property: Id(1)] Instant? LatestPoll,
    [property: Id(2)] string Version = "");

/// <summary>
/// Slice <see cref="Slice"/> of a report's rows as of <see cref="Now"/>, stored under <see cref="ReportId"/>.
/// <see cref="ComputationId"/> names one computation of the report: a report that computes again (its read lease
/// lapsed) never joins a slice of the computation before. <see cref="Options"/>: the report's windows and stores
/// (null: the SPEC report), its store ids only those of this partition.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportSliceRequest")]
public sealed record ReportSliceRequest(
    [property: Id(0)] string ReportId,
    [property: Id(1)] Instant Now,
    [property: Id(2)] int Slice,
    [property: Id(3)] int SliceStores,
    [property: Id(4)] int MaxConcurrency,
    [property: Id(5)] string ComputationId,
    [property: Id(6)] ReportOptions? Options = null);

/// <summary>
/// What a stored slice holds: the stores it asked, the rows and their bytes, its data warnings, and how many stores
/// the partition has (so the report knows how many slices there are).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportSliceSummary")]
public sealed record ReportSliceSummary(
    [property: Id(0)] int StoresAsked,
    [property: Id(1)] int RowCount,
    [property: Id(2)] long RowBytes,
    [property: Id(3)] WarningTally[] Warnings,
    [property: Id(4)] int PartitionStores);

/// <summary>One data warning: how many stores have it, and the first of them in id order.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WarningTally")]
public sealed record WarningTally(
    [property: Id(0)] string Warning,
    [property: Id(1)] int Stores,
    [property: Id(2)] string FirstStoreId);
