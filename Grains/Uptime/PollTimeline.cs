using NodaTime;
using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Uptime;

/// <summary>
/// A store's polls, sorted by instant, one entry per instant (several polls at one instant collapse into
/// one, <see cref="PollStatus.Inactive"/> winning). Kept as two parallel arrays rather than an object per
/// poll: a store has hundreds of polls and a silo holds hundreds of thousands of stores. Immutable.
/// </summary>
public sealed class PollTimeline
{
    // ENGINE-HELPER: implement. Public surface below is relied upon by the grains; keep it.
    public static PollTimeline Empty { get; } = null!;

    /// <summary>Wraps arrays already sorted strictly ascending (as produced by this class and persisted).</summary>
    public static PollTimeline FromSorted(long[] unixTicks, PollStatus[] statuses) => throw new NotImplementedException();

    public int Count => throw new NotImplementedException();

    /// <summary>Unix ticks (100 ns) of each poll: exact for the microsecond timestamps of the source data.</summary>
    public ReadOnlySpan<long> UnixTicks => throw new NotImplementedException();

    public ReadOnlySpan<PollStatus> Statuses => throw new NotImplementedException();

    /// <summary>The latest poll, or null when empty.</summary>
    public Instant? Latest => throw new NotImplementedException();

    /// <summary>True when at least one poll is at or before <paramref name="asOf"/>.</summary>
    public bool HasPollAtOrBefore(Instant asOf) => throw new NotImplementedException();

    /// <summary>
    /// Merges a batch (any order, may repeat) into this timeline. A poll equal in instant and status to one
    /// already known is a duplicate and changes nothing; a poll at a known instant with another status
    /// merges by the inactive-wins rule.
    /// </summary>
    public PollMergeResult Merge(ReadOnlySpan<long> unixTicks, ReadOnlySpan<PollStatus> statuses) => throw new NotImplementedException();
}

/// <summary>The outcome of <see cref="PollTimeline.Merge"/>: the new timeline and how the batch's polls counted.</summary>
public readonly record struct PollMergeResult(PollTimeline Timeline, int Accepted, int Duplicates);
