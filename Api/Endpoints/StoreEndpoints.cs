using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.Model;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary>Per-store queries: what the service holds for a store, and its up/down timeline.</summary>
public static class StoreEndpoints
{
    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder routes)
    {
        var stores = routes.MapGroup("/stores").WithTags("Stores").RequireReader();
        stores.MapGet("/{storeId}", GetStore).WithName("GetStore");
        stores.MapGet("/{storeId}/timeline", GetTimeline).WithName("GetStoreTimeline");
        return routes;
    }

    private static async Task<Results<Ok<StoreView>, ProblemHttpResult>> GetStore(string storeId, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IStoreGrain>(storeId).GetSummary();
        if (summary.PollCount == 0 && summary.Hours.Length == 0 && summary.ZoneId is null)
        {
            return TypedResults.Problem($"No data for store '{storeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
        }

        return TypedResults.Ok(StoreView.From(summary));
    }

    /// <summary>The business time of the week (or <c>[from, to)</c>) before <c>as_of</c> as up/down segments.</summary>
    private static async Task<Results<Ok<TimelineView>, ProblemHttpResult>> GetTimeline(string storeId, HttpRequest request, IGrainFactory grains)
    {
        var store = grains.GetGrain<IStoreGrain>(storeId);
        var asOf = await AsOfParameter.ReadAsync(request);
        if (asOf.Error is not null)
        {
            return TypedResults.Problem(asOf.Error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid as_of");
        }

        var summary = await store.GetSummary();
        if (summary.LatestPoll is not { } latest)
        {
            return TypedResults.Problem($"No polls for store '{storeId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown store");
        }

        var now = asOf.AsOf ?? latest;
        var timeline = await store.GetTimeline(now - Duration.FromDays(7), now, now);
        return TypedResults.Ok(TimelineView.Of(timeline));
    }
}

public sealed record StoreView(string StoreId, int PollCount, string? FirstPoll, string? LatestPoll, string? Timezone, string EffectiveTimezone, string? Warning, HoursView[] BusinessHours)
{
    public static StoreView From(StoreSummary summary) => new(
        summary.StoreId,
        summary.PollCount,
        IsoInstant.Format(summary.FirstPoll),
        IsoInstant.Format(summary.LatestPoll),
        summary.ZoneId,
        summary.EffectiveZoneId,
        summary.ZoneWarning,
        [.. summary.Hours.Select(HoursView.From)]);
}

public sealed record HoursView(int DayOfWeek, string Start, string End)
{
    public static HoursView From(BusinessHoursRow row) => new(
        (int)row.Day - 1,
        row.Start.ToString("HH:mm:ss.FFFFFFF", null),
        row.End.ToString("HH:mm:ss.FFFFFFF", null));
}

public sealed record TimelineView(string StoreId, string Timezone, string From, string To, SegmentView[] Segments)
{
    public static TimelineView Of(StoreTimeline timeline) => new(
        timeline.StoreId,
        timeline.ZoneId,
        IsoInstant.Format(timeline.From),
        IsoInstant.Format(timeline.To),
        [.. timeline.Segments.Select(segment => new SegmentView(IsoInstant.Format(segment.Start), IsoInstant.Format(segment.End), segment.Status == PollStatus.Active ? "active" : "inactive"))]);
}

public sealed record SegmentView(string Start, string End, string Status);
