using NodaTime;
using StoreMonitor.Engine.Live;

namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// A change in a store's state inside its business hours, derived from its polls alone (docs/LIVE.md#rules): replaying the
/// same polls derives the same events with the same <see cref="Id"/>, so a consumer that has seen an id may drop it.
/// </summary>
/// <param name="Id">Stable across replays: the store, the kind and the instant the event is about (see <see cref="StoreEventIds"/>).</param>
/// <param name="Kind">One of <see cref="StoreEventKinds"/>.</param>
/// <param name="At">The instant of the poll that changed the status (down / up), or the instant silence began to count (silent):
/// the first open instant at or after the last poll plus <c>StoreMonitor:Live:SilentAfter</c>.</param>
/// <param name="OpenedAt">The start of the business interval <see cref="At"/> falls in; null for a store open around the
/// clock (no opening within the 8 days before).</param>
/// <param name="DownSince">Where the spell of not being up began: for a down, the first inactive in-hours poll of the run
/// (or, after a silence, the last poll before the silence); for a silence, the last poll before it; for an up, the start of
/// the spell it ends.</param>
/// <param name="BusinessMinutesLostToday">Business minutes the store was down in its local day up to <see cref="At"/> (the
/// report engine's extrapolation, evidence up to <see cref="At"/>), from the polls known when the event was derived.</param>
/// <param name="LastPollAt">The store's latest poll at or before <see cref="At"/>.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreEvent")]
public sealed record StoreEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string StoreId,
    [property: Id(3)] Instant At,
    [property: Id(4)] Instant? OpenedAt,
    [property: Id(5)] Instant? DownSince,
    [property: Id(6)] double BusinessMinutesLostToday,
    [property: Id(7)] Instant? LastPollAt)
{
    /// <summary>The event of <paramref name="change"/> of store <paramref name="storeId"/>, with its business-time context.</summary>
    public static StoreEvent From(string storeId, in StatusChange change, in ChangeContext context)
    {
        var kind = StoreEventKinds.Of(change.Kind);
        return new StoreEvent(
            StoreEventIds.For(kind, storeId, change.At),
            kind,
            storeId,
            change.At,
            context.OpenedAt,
            change.DownSince,
            context.DownToday.TotalMinutes,
            change.LastPollAt);
    }
}

/// <summary>The kinds of <see cref="StoreEvent"/>, as they appear on the wire (SignalR, webhooks, <c>GET /stores/{id}/events</c>).</summary>
public static class StoreEventKinds
{
    /// <summary>A poll inside business hours says inactive, and the store was not already down.</summary>
    public const string Down = "store.down";

    /// <summary>A poll inside business hours says active after the store was down or silent.</summary>
    public const string Up = "store.up";

    /// <summary>No poll for longer than <c>StoreMonitor:Live:SilentAfter</c> while the store is open (and it was not down).</summary>
    public const string Silent = "store.silent";

    public static readonly IReadOnlyList<string> All = [Down, Up, Silent];

    public static string Of(StatusChangeKind kind) => kind switch
    {
        StatusChangeKind.Down => Down,
        StatusChangeKind.Up => Up,
        StatusChangeKind.Silent => Silent,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of change."),
    };
}

/// <summary>The stable event ids: the same polls always name the same events.</summary>
public static class StoreEventIds
{
    public static string For(string kind, string storeId, Instant at) =>
        $"evt_{kind["store.".Length..]}_{at.ToUnixTimeTicks()}_{storeId}";
}
