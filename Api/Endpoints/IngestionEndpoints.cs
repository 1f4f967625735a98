using Microsoft.AspNetCore.Http.HttpResults;
using StoreMonitor.Api.Ingestion;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Api.Endpoints;

/// <summary><c>GET /ingestion</c> (state and last run) and <c>POST /ingestion</c> (re-read the data directory now).</summary>
public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder routes)
    {
        var ingestion = routes.MapGroup("/ingestion").WithTags("Ingestion");
        ingestion.MapGetAndHead("", GetStatus).WithName("GetIngestion")
            .WithSummary("Ingestion status").WithDescription("Whether a run is in progress, and the last run's counts per file with the first rejected rows.")
            .RequireReader();
        ingestion.MapPost("", Start).WithName("StartIngestion")
            .WithSummary("Start an ingestion run").WithDescription("Reads the data directory again now; 409 while a run is in progress.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireOperator().RequireRateLimiting(RateLimitPolicies.Ingestion);
        return routes;
    }

    private static async Task<Ok<IngestionStatusView>> GetStatus(IGrainFactory grains) =>
        TypedResults.Ok(IngestionStatusView.From(await grains.GetGrain<IIngestionStatusGrain>(0).GetStatus()));

    private static async Task<Results<Accepted<IngestionStatusView>, ProblemHttpResult>> Start(IngestionCoordinator coordinator, IGrainFactory grains)
    {
        if (!Directory.Exists(coordinator.DataDirectory))
        {
            return TypedResults.Problem($"The data directory {coordinator.DataDirectory} does not exist.", statusCode: StatusCodes.Status409Conflict, title: "No data directory");
        }

        if (await coordinator.TryStartAsync() is null)
        {
            return TypedResults.Problem("An ingestion run is already in progress.", statusCode: StatusCodes.Status409Conflict, title: "Ingestion running");
        }

        var status = await grains.GetGrain<IIngestionStatusGrain>(0).GetStatus();
        return TypedResults.Accepted("/ingestion", IngestionStatusView.From(status));
    }
}
