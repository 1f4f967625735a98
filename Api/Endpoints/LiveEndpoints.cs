using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// What is down now and what happened to a store (docs/LIVE.md): the snapshot of every partition's live board, and a
/// store's latest events derived from its polls. Live events themselves reach this host through its feed.
/// </summary>
public static class LiveEndpoints
{
    public const int DefaultDownLimit = 100;
    public const int MaxDownLimit = 1000;
    public const int DefaultEventsLimit = 50;

    /// <summary>The most events one call answers (the store keeps the rest of its history in its polls).</summary>
    public const int MaxEventsLimit = 500;

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder routes)
    {
        var stores = routes.MapGroup("/stores").WithTags("Live").RequireReader();
        // A literal segment wins over /stores/{storeId}: a store whose id is "down" has its timeline, uptime and events, not this.
        stores.MapGetAndHead("/down", GetDown).WithName("GetDownStores")
            .WithSummary("Stores down or silent now")
            .WithDescription("Every store whose latest poll in business hours found it inactive, or that went unpolled for longer than StoreMonitor:Live:SilentAfter while open: since when, and the business minutes it lost today, most first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        stores.MapGetAndHead($"/{{{StoreIdRoute.Parameter}}}/events", GetEvents).WithName("GetStoreEvents")
            .WithSummary("A store's latest events")
            .WithDescription("The store's latest store.down, store.up and store.silent events, newest first, derived from its polls (the same polls always give the same events and ids).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<Ok<DownStoresView>, ProblemHttpResult>> GetDown(IGrainFactory grains, IClock clock, int? limit)
    {
        var size = limit ?? DefaultDownLimit;
        if (size is < 1 or > MaxDownLimit)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxDownLimit}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        // Each partition's board asks its own stores down or silent for their minutes lost now; the first of each are enough.
        var now = clock.GetCurrentInstant();
        var pages = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<ILiveBoardGrain>(partition).GetNotUp(now, size)));
        var first = pages.SelectMany(page => page.Stores)
            .OrderByDescending(report => report.Status.BusinessMinutesLostToday)
            .ThenBy(report => report.Status.DownSince)
            .ThenBy(report => report.StoreId, StringComparer.Ordinal)
            .Take(size)
            .Select(DownStoreView.From)
            .ToArray();
        return TypedResults.Ok(new DownStoresView(IsoInstant.Format(now), pages.Sum(page => page.Total), first));
    }

    private static async Task<Results<Ok<StoreEventsView>, ProblemHttpResult>> GetEvents(HttpContext context, IGrainFactory grains, IClock clock, int? limit)
    {
        var (storeId, invalid) = StoreIdRoute.Read(context);
        if (storeId is null)
        {
            return StoreEndpoints.InvalidStoreId(invalid);
        }

        var size = limit ?? DefaultEventsLimit;
        if (size is < 1 or > MaxEventsLimit)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxEventsLimit}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        if (!await StoreEndpoints.IsKnownAsync(grains, storeId))
        {
            return StoreEndpoints.UnknownStore(storeId);
        }

        var now = clock.GetCurrentInstant();
        var events = await grains.GetGrain<IStoreGrain>(storeId).GetEvents(now, size);
        return TypedResults.Ok(new StoreEventsView(storeId, IsoInstant.Format(now), [.. events.Select(StoreEventView.From)]));
    }
}
