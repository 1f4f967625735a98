using StoreMonitor.Engine.Live;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// A live event as JSON (<c>GET /stores/{id}/events</c>, and the shape other channels can reuse): instants in ISO 8601,
/// business minutes to two decimals.
/// </summary>
public sealed record StoreEventView(string Id, string Kind, string StoreId, string At, string? OpenedAt, string? DownSince, decimal BusinessMinutesLostToday, string? LastPollAt)
{
    public static StoreEventView From(StoreEvent item) => new(
        item.Id,
        item.Kind,
        item.StoreId,
        IsoInstant.Format(item.At),
        IsoInstant.Format(item.OpenedAt),
        IsoInstant.Format(item.DownSince),
        Minutes(item.BusinessMinutesLostToday),
        IsoInstant.Format(item.LastPollAt));

    internal static decimal Minutes(double minutes) => Math.Round((decimal)minutes, 2, MidpointRounding.AwayFromZero) + 0.00m;
}

/// <summary>A store's latest events as of <see cref="AsOf"/>, newest first.</summary>
public sealed record StoreEventsView(string StoreId, string AsOf, StoreEventView[] Events);

/// <summary>The stores down or silent now: the first <c>limit</c> by business minutes lost today, and how many in all.</summary>
public sealed record DownStoresView(string AsOf, int Total, DownStoreView[] Stores);

/// <summary>
/// A store down or silent now. <see cref="State"/> is <c>down</c> or <c>silent</c>; <see cref="Since"/> when that began;
/// <see cref="DownSince"/> where the spell of not being up began (the last poll before a silence that came first).
/// </summary>
public sealed record DownStoreView(string StoreId, string State, string? Since, string? DownSince, string? LastPollAt, decimal BusinessMinutesLostToday)
{
    public static DownStoreView From(StoreLiveReport report) => new(
        report.StoreId,
        report.Status.Condition == StoreCondition.Silent ? "silent" : "down",
        IsoInstant.Format(report.Status.Since),
        IsoInstant.Format(report.Status.DownSince),
        IsoInstant.Format(report.Status.LastPollAt),
        StoreEventView.Minutes(report.Status.BusinessMinutesLostToday));
}
