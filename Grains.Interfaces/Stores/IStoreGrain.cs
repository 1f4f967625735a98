using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>One restaurant store, keyed by its store id: its poll timeline, business hours and zone.</summary>
[Alias("StoreMonitor.IStoreGrain")]
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>Merges polls and replaces hours / zone where the update carries them. Idempotent.</summary>
    [Alias("Ingest")]
    Task<StoreIngestResult> Ingest(StoreUpdate update);

    /// <summary>The store's report row as of <paramref name="now"/>, or null when it has no poll at or before it.</summary>
    /// <remarks>
    /// Waited for as long as it takes: a report's slice waits on its stores, while the report's own call for the slice
    /// answers "still computing" well within the usual timeout. A store that is slow (a slow storage read on
    /// activation) is waited for, instead of timing out and being asked again behind its first computation.
    /// </remarks>
    [AlwaysInterleave]
    [ResponseTimeout("00:10:00")]
    [Alias("ComputeUptime")]
    Task<StoreUptime?> ComputeUptime(Instant now);

    /// <summary>The store's totals in each of <paramref name="windows"/> as of <paramref name="now"/> (SPEC R10), or null
    /// when it has no poll at or before it. Waited for as <see cref="ComputeUptime"/> is.</summary>
    [AlwaysInterleave]
    [ResponseTimeout("00:10:00")]
    [Alias("ComputeWindows")]
    Task<StoreWindowUptime?> ComputeWindows(Instant now, UptimeWindow[] windows);

    /// <summary>The up/down segments of the store's business time in <c>[from, to)</c>, evidence up to <paramref name="now"/>.</summary>
    [AlwaysInterleave]
    [Alias("GetTimeline")]
    Task<StoreTimeline> GetTimeline(Instant from, Instant to, Instant now);

    [AlwaysInterleave]
    [Alias("GetSummary")]
    Task<StoreSummary> GetSummary();

    /// <summary>
    /// The store's live condition as of <paramref name="now"/> (or its latest poll, if later), with the business minutes it
    /// lost today: what <c>GET /stores/down</c> shows of it.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetLiveStatus")]
    Task<StoreLiveStatus> GetLiveStatus(Instant now);

    /// <summary>
    /// Asked by the partition's sweep once the store's silence deadline passed: the store sends the <c>store.silent</c>
    /// event its polls now call for (once, and only when it began within the event horizon of <paramref name="now"/>) and
    /// answers its condition.
    /// </summary>
    [Alias("CheckSilence")]
    Task<StoreLiveStatus> CheckSilence(Instant now);

    /// <summary>The store's latest <paramref name="limit"/> events as of <paramref name="now"/>, newest first, derived from its polls.</summary>
    [AlwaysInterleave]
    [Alias("GetEvents")]
    Task<StoreEvent[]> GetEvents(Instant now, int limit);

    /// <summary>Clears the store's state (polls, hours, zone); false when it held nothing.</summary>
    [Alias("Remove")]
    Task<bool> Remove();
}
