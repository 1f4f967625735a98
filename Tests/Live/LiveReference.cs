using NodaTime;
using StoreMonitor.Engine.Live;
using StoreMonitor.Engine.Model;
using StoreMonitor.Tests.Uptime;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// An independent, deliberately naive reading of docs/LIVE.md#rules to check the engine's derivation against: every poll
/// from the first, in order, "open" from <see cref="BruteForceReference"/> (each opening resolved on its own, never
/// merged), a silence looked for in every gap by the reference's first open instant, no chunks, no anchors.
/// </summary>
internal sealed class LiveReference(BruteForceReference hours, Duration silentAfter)
{
    public sealed record Outcome(List<StatusChange> Changes, StoreCondition Condition, Instant? Since, Instant? DownSince, Instant? LastPollAt, Instant? NextSilence);

    /// <summary>Every change of <paramref name="rawPolls"/> (several at one instant merge, inactive winning); with
    /// <paramref name="asOf"/>, polls after it ignored and a silence after the last poll counted up to it.</summary>
    public Outcome Walk(IEnumerable<(Instant At, PollStatus Status)> rawPolls, Instant? asOf)
    {
        var polls = rawPolls
            .GroupBy(p => p.At)
            .Select(g => (At: g.Key, Status: g.Any(p => p.Status == PollStatus.Inactive) ? PollStatus.Inactive : PollStatus.Active))
            .Where(p => asOf is null || p.At <= asOf)
            .OrderBy(p => p.At)
            .ToList();
        var changes = new List<StatusChange>();
        var condition = StoreCondition.Unknown;
        Instant? since = null, downSince = null, last = null;

        Instant? SilenceAfter(Instant lastPoll) =>
            hours.FirstOpenAtOrAfter(Nanos(lastPoll + silentAfter)) is { } open ? NodaConstants.UnixEpoch + Duration.FromNanoseconds(open) : null;

        void GoSilent(Instant at)
        {
            changes.Add(new StatusChange(StatusChangeKind.Silent, at, last!.Value, last.Value));
            (condition, since, downSince) = (StoreCondition.Silent, at, last);
        }

        foreach (var (at, status) in polls)
        {
            if (last is { } previous && condition is StoreCondition.Up or StoreCondition.Unknown && SilenceAfter(previous) is { } silence && silence < at)
            {
                GoSilent(silence);
            }

            if (hours.IsOpen(Nanos(at)))
            {
                if (status == PollStatus.Inactive && condition != StoreCondition.Down)
                {
                    var start = condition == StoreCondition.Silent ? downSince!.Value : at;
                    changes.Add(new StatusChange(StatusChangeKind.Down, at, start, at));
                    (condition, since, downSince) = (StoreCondition.Down, at, start);
                }
                else if (status == PollStatus.Active)
                {
                    if (condition is StoreCondition.Down or StoreCondition.Silent)
                    {
                        changes.Add(new StatusChange(StatusChangeKind.Up, at, downSince!.Value, at));
                    }

                    (condition, since, downSince) = (StoreCondition.Up, null, null);
                }
            }

            last = at;
        }

        Instant? next = null;
        if (last is { } final && condition is StoreCondition.Up or StoreCondition.Unknown && SilenceAfter(final) is { } trailing)
        {
            if (asOf is { } now && trailing <= now)
            {
                GoSilent(trailing);
            }
            else
            {
                next = trailing;
            }
        }

        return new Outcome(changes, condition, since, downSince, last, next);
    }

    private static long Nanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
