using NodaTime;
using StoreMonitor.Engine.Live;

namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// A store's live condition as its grain derived it (docs/LIVE.md#conditions): what the live board of its index partition
/// keeps, and when the partition's sweep should ask it about silence again.
/// </summary>
/// <param name="Since">When the current down or silence began; null when up or unknown.</param>
/// <param name="DownSince">Where the current spell of not being up began; null when up or unknown.</param>
/// <param name="SilenceCheckAt">When the store falls silent unless a poll comes first; null when down or silent already.</param>
/// <param name="AsOf">The instant the store derived this for: of two, the board keeps the later.</param>
/// <param name="BusinessMinutesLostToday">Down business minutes in the store's local day up to <paramref name="AsOf"/>;
/// computed only when the board asks for it (<c>GET /stores/down</c>), 0 otherwise.</param>
// Not reference-tracked: a live board's state holds one per store, and the serializer's table of them was 15 % of a silo's
// allocations in the 140k cluster's new hour. No status is shared between entries, so the bytes are the same.
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("StoreMonitor.StoreLiveStatus")]
public sealed record StoreLiveStatus(
    [property: Id(0)] StoreCondition Condition,
    [property: Id(1)] Instant? Since,
    [property: Id(2)] Instant? DownSince,
    [property: Id(3)] Instant? LastPollAt,
    [property: Id(4)] Instant? SilenceCheckAt,
    [property: Id(5)] Instant AsOf,
    [property: Id(6)] double BusinessMinutesLostToday = 0)
{
    public static StoreLiveStatus From(LiveCondition condition, Instant asOf, double businessMinutesLostToday = 0) => new(
        condition.Condition, condition.Since, condition.DownSince, condition.LastPollAt, condition.SilenceCheckAt, asOf, businessMinutesLostToday);

    /// <summary>Down or silent: on the board.</summary>
    public bool IsNotUp => Condition is StoreCondition.Down or StoreCondition.Silent;
}
