using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine.Live;

/// <summary>
/// The rules of docs/LIVE.md#rules as a state machine over a store's polls in time order: each poll, and each silence
/// found in the gap before it, moves the condition and may make a change. Nanoseconds, as in the rest of the engine.
/// </summary>
internal struct StatusWalk(long silentAfter)
{
    public const long NoPoll = long.MinValue;

    public StoreCondition Condition { get; private set; } = StoreCondition.Unknown;

    /// <summary>When the current down or silence began; meaningful while down or silent.</summary>
    public long Since { get; private set; }

    /// <summary>Where the current spell of not being up began; meaningful while down or silent.</summary>
    public long DownSince { get; private set; }

    public long LastPoll { get; private set; } = NoPoll;

    /// <summary>Whether a silence can begin after the last poll: there is one, and the store is neither down nor silent.</summary>
    public readonly bool CanFallSilent => LastPoll != NoPoll && Condition is StoreCondition.Up or StoreCondition.Unknown;

    /// <summary>The earliest instant a silence after the last poll can begin (the first open instant at or after it).</summary>
    public readonly long SilenceThreshold => LastPoll + silentAfter;

    /// <summary>The state right after an in-hours active poll, whatever came before it.</summary>
    public static StatusWalk UpAt(long silentAfter, long at) => new(silentAfter) { Condition = StoreCondition.Up, LastPoll = at };

    /// <summary>The store was open and unpolled from <paramref name="at"/> on: silent, unless it was down or silent already.</summary>
    public bool FallSilent(long at, out StatusChange change)
    {
        change = default;
        if (!CanFallSilent)
        {
            return false;
        }

        change = Change(StatusChangeKind.Silent, at, LastPoll, LastPoll);
        Condition = StoreCondition.Silent;
        Since = at;
        DownSince = LastPoll;
        return true;
    }

    /// <summary>A poll at <paramref name="at"/>; only one inside business hours can change the status.</summary>
    public bool Poll(long at, PollStatus status, bool inHours, out StatusChange change)
    {
        change = default;
        LastPoll = at;
        if (!inHours)
        {
            return false;
        }

        if (status == PollStatus.Inactive)
        {
            if (Condition == StoreCondition.Down)
            {
                return false;
            }

            // After a silence the store has not been up since the poll before it; otherwise it stops being up now.
            var downSince = Condition == StoreCondition.Silent ? DownSince : at;
            change = Change(StatusChangeKind.Down, at, downSince, at);
            Condition = StoreCondition.Down;
            Since = at;
            DownSince = downSince;
            return true;
        }

        var wasDown = Condition is StoreCondition.Down or StoreCondition.Silent;
        if (wasDown)
        {
            change = Change(StatusChangeKind.Up, at, DownSince, at);
        }

        Condition = StoreCondition.Up;
        return wasDown;
    }

    private static StatusChange Change(StatusChangeKind kind, long at, long downSince, long lastPoll) =>
        new(kind, UnixNanos.ToInstant(at), UnixNanos.ToInstant(downSince), UnixNanos.ToInstant(lastPoll));
}
