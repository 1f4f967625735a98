using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>Per-store queries: the store list, what the service holds for a store, its timeline and its report row.</summary>
public static class StoreEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder routes)
    {
        var stores = routes.MapGroup("/stores").WithTags("Stores");
        stores.MapGet("", ListStores).WithName("ListStores")
            .WithSummary("List stores").WithDescription("Store ids in ordinal order, a page at a time, optionally those containing a search text.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        stores.MapGet("/{storeId}", GetStore).WithName("GetStore")
            .WithSummary("Get a store").WithDescription("What the service holds for a store: polls, zone (and fallback), business hours.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        stores.MapGet("/{storeId}/timeline", GetTimeline).WithName("GetStoreTimeline")
            .WithSummary("A store's week as a timeline").WithDescription("The week before as_of (default: the store's latest poll): open hours, up/down segments, polls.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        stores.MapGet("/{storeId}/uptime", GetUptime).WithName("GetStoreUptime")
            .WithSummary("A store's report row").WithDescription("The store's report row, computed live; equal to its CSV row in a report with the same as_of.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<Ok<StorePage>, ProblemHttpResult>> ListStores(IGrainFactory grains, string? search, int? limit, string? cursor)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        // Each partition returns its first matches after the cursor; the first `size` of their ordinal merge is
        // the page, so the order is stable across calls whatever partition a store lives in.
        var pages = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition).ListStores(search?.Trim(), cursor, size + 1)));
        var merged = pages.SelectMany(page => page).Order(StringComparer.Ordinal).Take(size + 1).ToArray();
        var page = merged.Take(size).ToArray();
        return TypedResults.Ok(new StorePage(page, merged.Length > size ? page[^1] : null));
    }

    private static async Task<Results<Ok<StoreView>, ProblemHttpResult>> GetStore(string storeId, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IStoreGrain>(storeId).GetSummary();
        if (summary.PollCount == 0 && summary.Hours.Length == 0 && summary.ZoneId is null)
        {
            return UnknownStore($"No data for store '{storeId}'.");
        }

        return TypedResults.Ok(StoreView.From(summary));
    }

    private static async Task<Results<Ok<TimelineView>, ProblemHttpResult>> GetTimeline(string storeId, [FromQuery(Name = "as_of")] string? asOfText, IGrainFactory grains)
    {
        var store = grains.GetGrain<IStoreGrain>(storeId);
        var asOf = AsOfParameter.Parse(asOfText);
        if (asOf.Error is not null)
        {
            return InvalidAsOf(asOf.Error);
        }

        var summary = await store.GetSummary();
        if (summary.LatestPoll is not { } latest)
        {
            return UnknownStore($"No polls for store '{storeId}'.");
        }

        var now = asOf.AsOf ?? latest;
        var timeline = await store.GetTimeline(now - Duration.FromDays(7), now, now);
        return TypedResults.Ok(TimelineView.Of(timeline));
    }

    private static async Task<Results<Ok<StoreUptimeView>, ProblemHttpResult>> GetUptime(string storeId, [FromQuery(Name = "as_of")] string? asOfText, IGrainFactory grains)
    {
        var asOf = AsOfParameter.Parse(asOfText);
        if (asOf.Error is not null)
        {
            return InvalidAsOf(asOf.Error);
        }

        if ((asOf.AsOf ?? await ReportTime.LatestPollAsync(grains)) is not { } now)
        {
            return UnknownStore($"No polls have been ingested, so store '{storeId}' has no report row.");
        }

        if (await grains.GetGrain<IStoreGrain>(storeId).ComputeUptime(now) is not { } row)
        {
            return TypedResults.Problem(
                $"Store '{storeId}' has no poll at or before {IsoInstant.Format(now)}, so it has no report row.",
                statusCode: StatusCodes.Status404NotFound, title: "No report row");
        }

        return TypedResults.Ok(StoreUptimeView.From(row, now));
    }

    private static ProblemHttpResult InvalidAsOf(string error) =>
        TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid as_of");

    private static ProblemHttpResult UnknownStore(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
}
