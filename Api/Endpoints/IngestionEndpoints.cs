using Microsoft.AspNetCore.Http.HttpResults;
using StoreMonitor.Api.Ingestion;
using StoreMonitor.Grains.Ingestion;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Api.Endpoints;

/// <summary><c>GET /ingestion</c> (state and last run) and <c>POST /ingestion</c> (ingest what is new now; <c>?full=true</c> re-reads every file whole).</summary>
public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/ingestion", GetStatus).WithName("GetIngestion").WithTags("Ingestion");
        routes.MapPost("/ingestion", Start).WithName("StartIngestion").WithTags("Ingestion");
        routes.MapGet("/ingestion/runs", GetRuns).WithName("GetIngestionRuns").WithTags("Ingestion");
        routes.MapGet("/ingestion/runs/{runId}", GetRun).WithName("GetIngestionRun").WithTags("Ingestion");
        routes.MapGet("/ingestion/runs/{runId}/rejects.csv", GetRejects).WithName("GetIngestionRejects").WithTags("Ingestion");
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

    /// <summary>The latest runs, newest first: <c>?limit=</c> 1 to 50, default 20.</summary>
    private static async Task<Results<Ok<IngestionRunEntryView[]>, ProblemHttpResult>> GetRuns(IGrainFactory grains, int? limit)
    {
        if (limit is < 1 or > IngestionStatusGrain.HistoryLength)
        {
            return TypedResults.Problem($"limit must be 1 to {IngestionStatusGrain.HistoryLength}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        var runs = await grains.GetGrain<IIngestionStatusGrain>(0).GetRuns(limit ?? 20);
        return TypedResults.Ok(runs.Select(IngestionRunEntryView.From).ToArray());
    }

    private static async Task<Results<Ok<IngestionSummaryView>, ProblemHttpResult>> GetRun(string runId, IGrainFactory grains) =>
        ReportIds.IsWellFormed(runId) && await grains.GetGrain<IIngestionRunGrain>(ReportIds.Normalize(runId)).GetSummary() is { } summary
            ? TypedResults.Ok(IngestionSummaryView.From(summary))
            : UnknownRun(runId);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetRejects(string runId, IGrainFactory grains) =>
        ReportIds.IsWellFormed(runId) && await grains.GetGrain<IIngestionRunGrain>(ReportIds.Normalize(runId)).GetRejectsCsv() is { } csv
            ? TypedResults.File(csv, "text/csv; charset=utf-8", $"rejects-{runId}.csv")
            : UnknownRun(runId);

    private static ProblemHttpResult UnknownRun(string runId) =>
        TypedResults.Problem($"No ingestion run '{runId}' is kept (the history keeps the latest {IngestionStatusGrain.HistoryLength}).", statusCode: StatusCodes.Status404NotFound, title: "Unknown run");
}
