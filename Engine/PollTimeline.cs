using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// A store's polls, sorted by instant, one entry per instant (several polls at one instant collapse into
/// one, <see cref="PollStatus.Inactive"/> winning). Kept as two parallel arrays rather than an object per
/// poll: a store has hundreds of polls and a silo holds hundreds of thousands of stores. Immutable.
/// </summary>
public sealed class PollTimeline
{
    /// <summary>Earliest poll instant the engine accepts (Unix ticks); see <see cref="IsSupported"/>.</summary>
    public static readonly Instant EarliestSupported = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>Instant (exclusive) up to which the engine accepts polls; see <see cref="IsSupported"/>.</summary>
    public static readonly Instant LatestSupported = Instant.FromUtc(2200, 1, 1, 0, 0);

    private static readonly long EarliestTicks = EarliestSupported.ToUnixTimeTicks();
    private static readonly long LatestTicks = LatestSupported.ToUnixTimeTicks();

    private readonly long[] unixTicks;
    private readonly PollStatus[] statuses;

    private PollTimeline(long[] unixTicks, PollStatus[] statuses)
    {
        this.unixTicks = unixTicks;
        this.statuses = statuses;
    }

    public static PollTimeline Empty { get; } = new([], []);

    /// <summary>
    /// True for instants the engine computes with exactly (1900 up to 2200, UTC). The calculator works in
    /// 64-bit nanoseconds, so ingestion should reject a row outside this range rather than pass it on.
    /// </summary>
    public static bool IsSupported(Instant instant) => instant >= EarliestSupported && instant < LatestSupported;

    /// <summary>Wraps arrays already sorted strictly ascending (as produced by this class and persisted).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, are not strictly ascending, or hold an
    /// instant outside the supported range.</exception>
    public static PollTimeline FromSorted(long[] unixTicks, PollStatus[] statuses)
    {
        ArgumentNullException.ThrowIfNull(unixTicks);
        ArgumentNullException.ThrowIfNull(statuses);
        if (unixTicks.Length != statuses.Length)
        {
            throw new ArgumentException("Every poll needs one instant and one status.", nameof(statuses));
        }

        for (var i = 0; i < unixTicks.Length; i++)
        {
            EnsureSupported(unixTicks[i], nameof(unixTicks));
            EnsureKnown(statuses[i], nameof(statuses));
            if (i > 0 && unixTicks[i] <= unixTicks[i - 1])
            {
                throw new ArgumentException($"Poll instants must be strictly ascending (index {i}).", nameof(unixTicks));
            }
        }

        return unixTicks.Length == 0 ? Empty : new PollTimeline(unixTicks, statuses);
    }

    public int Count => unixTicks.Length;

    /// <summary>Unix ticks (100 ns) of each poll: exact for the microsecond timestamps of the source data.</summary>
    public ReadOnlySpan<long> UnixTicks => unixTicks;

    public ReadOnlySpan<PollStatus> Statuses => statuses;

    /// <summary>The latest poll, or null when empty.</summary>
    public Instant? Latest => unixTicks.Length == 0 ? null : Instant.FromUnixTimeTicks(unixTicks[^1]);

    /// <summary>True when at least one poll is at or before <paramref name="asOf"/>.</summary>
    public bool HasPollAtOrBefore(Instant asOf) => CountAtOrBefore(asOf) > 0;

    /// <summary>How many polls lie at or before <paramref name="asOf"/> (they are the first ones).</summary>
    public int CountAtOrBefore(Instant asOf)
    {
        // Polls are whole ticks, so "at or before asOf" is "at or before asOf's tick, rounded down".
        long limit = asOf.ToUnixTimeTicks();
        int index = Array.BinarySearch(unixTicks, limit);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>
    /// Merges a batch (any order, may repeat) into this timeline. A poll equal in instant and status to one
    /// already known is a duplicate and changes nothing; a poll at a known instant with another status
    /// merges by the inactive-wins rule.
    /// </summary>
    /// <remarks>
    /// Precisely: a poll of the batch is a <see cref="PollMergeResult.Duplicates">duplicate</see> when its
    /// (instant, status) is already represented, that is when this timeline has an entry at its instant whose
    /// status is the poll's status or <see cref="PollStatus.Inactive"/> (which absorbs an active poll), or when
    /// the same (instant, status) occurs earlier in the batch. Every other poll is
    /// <see cref="PollMergeResult.Accepted">accepted</see>: it brings an instant, or a status at an instant, that
    /// the timeline did not have.
    /// The counts do not depend on the batch's order, and merging a batch a second time gives
    /// <c>Duplicates == batch size</c> and returns the very same timeline.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length or an instant is outside the supported range.</exception>
    public PollMergeResult Merge(ReadOnlySpan<long> unixTicks, ReadOnlySpan<PollStatus> statuses)
    {
        if (unixTicks.Length != statuses.Length)
        {
            throw new ArgumentException("Every poll needs one instant and one status.", nameof(statuses));
        }

        if (unixTicks.IsEmpty)
        {
            return new PollMergeResult(this, 0, 0);
        }

        // Sort the batch by (instant, status) in one key: Inactive (0) sorts first within an instant.
        // Supported instants are far from the long range, so doubling cannot overflow.
        var keys = new long[unixTicks.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            EnsureSupported(unixTicks[i], nameof(unixTicks));
            EnsureKnown(statuses[i], nameof(statuses));
            keys[i] = (unixTicks[i] * 2) + (byte)statuses[i];
        }

        Array.Sort(keys);
        var batch = new long[keys.Length];
        var batchStatuses = new PollStatus[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            batch[i] = keys[i] >> 1;
            batchStatuses[i] = (PollStatus)(keys[i] & 1);
        }

        return MergeSorted(batch, batchStatuses);
    }

    private PollMergeResult MergeSorted(long[] batch, PollStatus[] batchStatuses)
    {
        var mergedTicks = new long[this.unixTicks.Length + batch.Length];
        var mergedStatuses = new PollStatus[mergedTicks.Length];
        int count = 0, accepted = 0, known = 0;

        for (var b = 0; b < batch.Length;)
        {
            long instant = batch[b];
            while (known < this.unixTicks.Length && this.unixTicks[known] < instant)
            {
                mergedTicks[count] = this.unixTicks[known];
                mergedStatuses[count++] = this.statuses[known++];
            }

            PollStatus? existing = known < this.unixTicks.Length && this.unixTicks[known] == instant ? this.statuses[known++] : null;
            PollStatus? seenInBatch = null;
            PollStatus result = existing ?? PollStatus.Active;
            for (; b < batch.Length && batch[b] == instant; b++)
            {
                var status = batchStatuses[b];
                bool represented = existing == PollStatus.Inactive || existing == status || seenInBatch == status;
                if (!represented)
                {
                    accepted++;
                }

                // Equal statuses of one instant are adjacent after sorting, so the last one seen detects repeats.
                seenInBatch = status;
                if (status == PollStatus.Inactive)
                {
                    result = PollStatus.Inactive;
                }
            }

            mergedTicks[count] = instant;
            mergedStatuses[count++] = result;
        }

        if (accepted == 0)
        {
            return new PollMergeResult(this, 0, batch.Length);
        }

        while (known < this.unixTicks.Length)
        {
            mergedTicks[count] = this.unixTicks[known];
            mergedStatuses[count++] = this.statuses[known++];
        }

        Array.Resize(ref mergedTicks, count);
        Array.Resize(ref mergedStatuses, count);
        return new PollMergeResult(new PollTimeline(mergedTicks, mergedStatuses), accepted, batch.Length - accepted);
    }

    private static void EnsureKnown(PollStatus status, string parameter)
    {
        if (status is not (PollStatus.Active or PollStatus.Inactive))
        {
            throw new ArgumentException($"Unknown poll status {(byte)status}.", parameter);
        }
    }

    private static void EnsureSupported(long ticks, string parameter)
    {
        if (ticks < EarliestTicks || ticks >= LatestTicks)
        {
            throw new ArgumentException(
                $"Poll instant {Instant.FromUnixTimeTicks(ticks)} is outside the supported range {EarliestSupported} to {LatestSupported}.",
                parameter);
        }
    }
}

/// <summary>The outcome of <see cref="PollTimeline.Merge"/>: the new timeline and how the batch's polls counted.</summary>
public readonly record struct PollMergeResult(PollTimeline Timeline, int Accepted, int Duplicates);
