using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Per-store queries (what the service holds for a store, its up/down timeline) and removing a store.
/// Store ids are percent-encoded in the URL, <c>/</c> as <c>%2F</c>; see <see cref="StoreIdRoute"/>.
/// </summary>
public static class StoreEndpoints
{
    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder routes)
    {
        var stores = routes.MapGroup("/stores").WithTags("Stores").RequireReader();
        stores.MapGetAndHead($"/{{{StoreIdRoute.Parameter}}}", GetStore).WithName("GetStore");
        stores.MapGetAndHead($"/{{{StoreIdRoute.Parameter}}}/timeline", GetTimeline).WithName("GetStoreTimeline");
        stores.MapDelete($"/{{{StoreIdRoute.Parameter}}}", DeleteStore).WithName("DeleteStore").RequireOperator();
        return routes;
    }

    private static async Task<Results<Ok<StoreView>, ProblemHttpResult>> GetStore(HttpContext context, IGrainFactory grains)
    {
        var (storeId, invalid) = StoreIdRoute.Read(context);
        if (storeId is null)
        {
            return InvalidStoreId(invalid);
        }

        var summary = await grains.GetGrain<IStoreGrain>(storeId).GetSummary();
        if (summary.PollCount == 0 && summary.Hours.Length == 0 && summary.ZoneId is null)
        {
            return UnknownStore(storeId);
        }

        return TypedResults.Ok(StoreView.From(summary));
    }

    /// <summary>The business time of the week before <c>as_of</c> (default: the store's latest poll) as up/down segments.</summary>
    private static async Task<Results<Ok<TimelineView>, ProblemHttpResult>> GetTimeline(HttpContext context, IGrainFactory grains)
    {
        var (storeId, invalid) = StoreIdRoute.Read(context);
        if (storeId is null)
        {
            return InvalidStoreId(invalid);
        }

        var asOf = AsOfParameter.FromQuery(context.Request);
        if (asOf.Problem is not null)
        {
            return asOf.Problem;
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var summary = await store.GetSummary();
        if (summary.LatestPoll is not { } latest)
        {
            return TypedResults.Problem($"No polls for store '{storeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
        }

        var now = asOf.AsOf ?? latest;
        var timeline = await store.GetTimeline(now - Duration.FromDays(7), now, now);
        return TypedResults.Ok(TimelineView.Of(timeline));
    }

    /// <summary>
    /// Forgets a store: it leaves its index partition first (so no report asks for it any more), then its state is
    /// cleared. Repeating the call after a failure finishes the job.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteStore(HttpContext context, IGrainFactory grains)
    {
        var (storeId, invalid) = StoreIdRoute.Read(context);
        if (storeId is null)
        {
            return InvalidStoreId(invalid);
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        var summary = await store.GetSummary();
        var partition = grains.GetGrain<IStoreIndexGrain>(StoreIndex.PartitionOf(storeId));
        var unregistered = await partition.Unregister(storeId, summary.LatestPoll?.ToUnixTimeTicks());
        var cleared = await store.Remove();
        return unregistered || cleared ? TypedResults.NoContent() : UnknownStore(storeId);
    }

    private static ProblemHttpResult InvalidStoreId(string? problem) =>
        TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid store id");

    private static ProblemHttpResult UnknownStore(string storeId) =>
        TypedResults.Problem($"No data for store '{storeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
}
