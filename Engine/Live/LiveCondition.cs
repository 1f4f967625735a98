using NodaTime;

namespace StoreMonitor.Engine.Live;

/// <summary>
/// A store's <see cref="StoreCondition"/> after its polls, as of an instant, and when the silence rule should look at it
/// again.
/// </summary>
/// <param name="Since">When the current down or silence began (the instant of its change); null when up or unknown.</param>
/// <param name="DownSince">Where the current spell of not being up began (see <see cref="StatusChange.DownSince"/>); null when up or unknown.</param>
/// <param name="LastPollAt">The latest poll considered; null when there is none.</param>
/// <param name="SilenceCheckAt">The first instant at which the store goes silent unless a poll arrives before: null when it
/// is down or silent already, or has no poll. When no open instant lies within <see cref="StatusEvents.SilenceSearch"/>
/// of the threshold, the end of that search, so that it is looked at again then (null when that end has passed).</param>
public readonly record struct LiveCondition(
    StoreCondition Condition,
    Instant? Since,
    Instant? DownSince,
    Instant? LastPollAt,
    Instant? SilenceCheckAt)
{
    public static LiveCondition None { get; } = new(StoreCondition.Unknown, null, null, null, null);
}
