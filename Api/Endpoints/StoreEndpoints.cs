using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// Per-store queries (the store list, what the service holds for a store, its up/down timeline, its report row)
/// and removing a store.
/// Store ids are percent-encoded in the URL, <c>/</c> as <c>%2F</c>; see <see cref="StoreIdRoute"/>.
/// </summary>
public static class StoreEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>
    /// How many ids one page looks at in each partition: a search that matches little answers a shorter page (even an
    /// empty one) with a cursor to go on from, rather than one request scanning every store of a million.
    /// </summary>
    public const int ExaminedPerPartition = 4096;

    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder routes)
    {
        var stores = routes.MapGroup("/stores").WithTags("Stores").RequireReader();
        stores.MapGetAndHead("", ListStores).WithName("ListStores")
            .WithSummary("List stores").WithDescription("Store ids in ordinal order, a page at a time, optionally those containing a search text.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        stores.MapGetAndHead($"/{{{StoreIdRoute.Parameter}}}", GetStore).WithName("GetStore")
            .WithSummary("Get a store").WithDescription("What the service holds for a store: polls, zone (and fallback), business hours and special hours. The id is percent-encoded as one path segment.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        stores.MapGetAndHead($"/{{{StoreIdRoute.Parameter}}}/timeline", GetTimeline).WithName("GetStoreTimeline")
            .WithSummary("A store's week as a timeline").WithDescription("The week before as_of (default: the store's latest poll): open hours, up/down segments, polls.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        stores.MapGetAndHead($"/{{{StoreIdRoute.Parameter}}}/uptime", GetUptime).WithName("GetStoreUptime")
            .WithSummary("A store's report row").WithDescription("The store's report row, computed live; equal to its CSV row in a report with the same as_of. With windows (and include_percent), its row in a report with those options.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        stores.MapDelete($"/{{{StoreIdRoute.Parameter}}}", DeleteStore).WithName("DeleteStore")
            .WithSummary("Remove a store").WithDescription("Removes the store's polls, hours, zone and index entry; the next report has no row for it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOperator();
        return routes;
    }

    private static async Task<Results<Ok<StorePage>, ProblemHttpResult>> ListStores(HttpContext context, IGrainFactory grains, string? search, int? limit, string? cursor)
    {
        if (StoreIdRoute.NamesAStore(context))
        {
            return InvalidStoreId(StoreIdRoute.Read(context).Problem);
        }

        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        // Each partition returns its first matches after the cursor, having looked at a bounded number of ids, and says
        // how far it looked. Every id up to the nearest of those points has been looked at in every partition, so the
        // matches up to there, in ordinal order, are the page; the order is stable whatever partition a store lives in.
        var pages = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition).ListStorePage(search?.Trim(), cursor, size + 1, ExaminedPerPartition)));
        var examinedThrough = pages.Select(page => page.ExaminedThrough).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();
        var candidates = pages.SelectMany(page => page.StoreIds)
            .Where(id => examinedThrough is null || string.CompareOrdinal(id, examinedThrough) <= 0)
            .Order(StringComparer.Ordinal).Take(size + 1).ToArray();
        var page = candidates.Take(size).ToArray();
        var next = candidates.Length > size ? page[^1] : examinedThrough;
        return TypedResults.Ok(new StorePage(page, next));
    }

    private static async Task<Results<Ok<StoreView>, ProblemHttpResult>> GetStore(HttpContext context, IGrainFactory grains)
    {
        var (storeId, invalid) = StoreIdRoute.Read(context);
        if (storeId is null)
        {
            return InvalidStoreId(invalid);
        }

        if (!await IsKnownAsync(grains, storeId))
        {
            return UnknownStore(storeId);
        }

        var summary = await grains.GetGrain<IStoreGrain>(storeId).GetSummary();
        if (summary.PollCount == 0 && summary.Hours.Length == 0 && summary.SpecialHours.Length == 0 && summary.ZoneId is null)
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

        if (!await IsKnownAsync(grains, storeId))
        {
            return UnknownStore(storeId);
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

    /// <summary>
    /// The store's report row, computed live by its grain: equal to its CSV row for the same report time. With
    /// <c>windows</c> (and <c>include_percent</c>), the row of a report with those options, as its JSON rows have it.
    /// </summary>
    private static async Task<Results<Ok<StoreUptimeView>, Ok<StoreWindowsView>, ProblemHttpResult>> GetUptime(HttpContext context, IGrainFactory grains)
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

        var (options, optionsProblem) = StoreWindowsQuery.Read(context.Request.Query);
        if (optionsProblem is not null)
        {
            return optionsProblem;
        }

        if (!await IsKnownAsync(grains, storeId))
        {
            return UnknownStore(storeId);
        }

        if ((asOf.AsOf ?? await ReportTime.LatestPollAsync(grains)) is not { } now)
        {
            return TypedResults.Problem($"No polls have been ingested, so store '{storeId}' has no report row.", statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
        }

        var store = grains.GetGrain<IStoreGrain>(storeId);
        if (options is not null)
        {
            return await store.ComputeWindows(now, [.. options.EffectiveWindows]) is { } windows
                ? TypedResults.Ok(StoreWindowsView.From(windows, now, options.Layout()))
                : NoRow(storeId, now);
        }

        return await store.ComputeUptime(now) is { } row ? TypedResults.Ok(StoreUptimeView.From(row, now)) : NoRow(storeId, now);
    }

    private static ProblemHttpResult NoRow(string storeId, Instant now) => TypedResults.Problem(
        $"Store '{storeId}' has no poll at or before {IsoInstant.Format(now)}, so it has no report row.",
        statusCode: StatusCodes.Status404NotFound, title: "No report row");

    /// <summary>
    /// Whether ingestion registered the store, asked of its index partition: a reader's typo or a scan of made-up ids
    /// activates no store grain. (Removing a store still asks the store itself, so a removal that failed half-way can
    /// be finished.)
    /// </summary>
    internal static Task<bool> IsKnownAsync(IGrainFactory grains, string storeId) =>
        grains.GetGrain<IStoreIndexGrain>(StoreIndex.PartitionOf(storeId)).Contains(storeId);

    internal static ProblemHttpResult InvalidStoreId(string? problem) =>
        TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid store id");

    internal static ProblemHttpResult UnknownStore(string storeId) =>
        TypedResults.Problem($"No data for store '{storeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
}
