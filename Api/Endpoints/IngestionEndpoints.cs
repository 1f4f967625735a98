using Microsoft.AspNetCore.Http.HttpResults;
using StoreMonitor.Api.Ingestion;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Api.Endpoints;

/// <summary><c>GET /ingestion</c> (state and last run) and <c>POST /ingestion</c> (ingest what is new now; <c>?full=true</c> re-reads every file whole).</summary>
public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/ingestion", GetStatus).WithName("GetIngestion").WithTags("Ingestion");
        routes.MapPost("/ingestion", Start).WithName("StartIngestion").WithTags("Ingestion");
        return routes;
    }

    private static async Task<Ok<IngestionStatusView>> GetStatus(IGrainFactory grains) =>
        TypedResults.Ok(IngestionStatusView.From(await grains.GetGrain<IIngestionStatusGrain>(0).GetStatus()));

    private static async Task<Results<Accepted<IngestionStatusView>, ProblemHttpResult>> Start(IngestionCoordinator coordinator, IGrainFactory grains, bool? full)
    {
        if (!Directory.Exists(coordinator.DataDirectory))
        {
            return TypedResults.Problem($"The data directory {coordinator.DataDirectory} does not exist.", statusCode: StatusCodes.Status409Conflict, title: "No data directory");
        }

        if (await coordinator.TryStartAsync(full ?? false) is null)
        {
            return TypedResults.Problem("An ingestion run is already in progress.", statusCode: StatusCodes.Status409Conflict, title: "Ingestion running");
        }

        var status = await grains.GetGrain<IIngestionStatusGrain>(0).GetStatus();
        return TypedResults.Accepted("/ingestion", IngestionStatusView.From(status));
    }
}
