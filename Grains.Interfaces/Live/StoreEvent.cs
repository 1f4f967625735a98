using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Live;

/// <summary>
/// A change in a store's state inside its business hours, derived from its polls alone: replaying the same polls derives
/// the same events with the same <see cref="Id"/>, so a consumer that has seen an id may drop it.
/// </summary>
/// <param name="Id">Stable across replays: the store, the kind and the instant the event is about (see <see cref="StoreEventIds"/>).</param>
/// <param name="Kind">One of <see cref="StoreEventKinds"/>.</param>
/// <param name="At">The instant of the poll that changed the status (down / up), or the instant silence began to count (silent).</param>
/// <param name="OpenedAt">The start of the business interval <see cref="At"/> falls in.</param>
/// <param name="DownSince">For down and silent: the first instant the store stopped counting as up (the first inactive poll of the run, or the last poll before silence).</param>
/// <param name="BusinessMinutesLostToday">Business minutes the store was down in its local day up to <see cref="At"/> (the engine's extrapolation).</param>
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
    [property: Id(7)] Instant? LastPollAt);

/// <summary>The kinds of <see cref="StoreEvent"/>, as they appear on the wire (SignalR, webhooks, <c>GET /stores/{id}/events</c>).</summary>
public static class StoreEventKinds
{
    /// <summary>A poll inside business hours says inactive, and the store's previous poll inside business hours did not.</summary>
    public const string Down = "store.down";

    /// <summary>A poll inside business hours says active after the store was down or silent.</summary>
    public const string Up = "store.up";

    /// <summary>No poll for longer than <c>StoreMonitor:Live:SilentAfter</c> while the store is open.</summary>
    public const string Silent = "store.silent";

    public static readonly IReadOnlyList<string> All = [Down, Up, Silent];
}

/// <summary>The stable event ids: the same polls always name the same events.</summary>
public static class StoreEventIds
{
    public static string For(string kind, string storeId, Instant at) =>
        $"evt_{kind["store.".Length..]}_{at.ToUnixTimeTicks()}_{storeId}";
}
