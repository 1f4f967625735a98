using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Hosting;
using StoreMonitor.Ingestion.Uploads;

namespace StoreMonitor.Api.Endpoints;

/// <summary><c>GET /ingestion</c> (state and last run) and <c>POST /ingestion</c> (ingest what is new now; <c>?full=true</c> re-reads every file whole).</summary>
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
            .RequireOperator().LimitedPerCaller(RateLimitPolicies.Ingestion);
        routes.MapPost("/ingestion/files", Upload).WithName("UploadIngestionFile").WithTags("Ingestion").DisableAntiforgery()
            .RequireOperator().LimitedPerCaller(RateLimitPolicies.Uploads).WithUploadSizeLimit();
        routes.MapGet("/ingestion/runs", GetRuns).WithName("GetIngestionRuns").WithTags("Ingestion").RequireReader();
        routes.MapGet("/ingestion/runs/{runId}", GetRun).WithName("GetIngestionRun").WithTags("Ingestion").RequireReader();
        routes.MapGet("/ingestion/runs/{runId}/rejects.csv", GetRejects).WithName("GetIngestionRejects").WithTags("Ingestion").RequireReader();
        return routes;
    }

    private static async Task<Ok<IngestionStatusView>> GetStatus(IngestionCoordinator coordinator, IGrainFactory grains) =>
        TypedResults.Ok(IngestionStatusView.From(await grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus(), new DataPaths(coordinator.DataDirectory)));

    private static async Task<Results<Accepted<IngestionStatusView>, ProblemHttpResult>> Start(IngestionCoordinator coordinator, IGrainFactory grains, bool? full)
    {
        if (!Directory.Exists(coordinator.DataDirectory))
        {
            return NoDataDirectory();
        }

        if (await coordinator.TryStartAsync(full ?? false) is null)
        {
            return TypedResults.Problem("An ingestion run is already in progress.", statusCode: StatusCodes.Status409Conflict, title: "Ingestion running");
        }

        var status = await grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus();
        return TypedResults.Accepted("/ingestion", IngestionStatusView.From(status, new DataPaths(coordinator.DataDirectory)));
    }

    /// <summary>
    /// Takes a CSV as the raw body (<c>text/csv</c>, its name in <c>?name=</c> or <c>X-File-Name</c>) or as the file part
    /// of a multipart form; which input file it is comes from its name or else its header. <c>202</c> once it is on disk.
    /// </summary>
    /// <remarks>
    /// An hours, zone or special hours file that would drop the rows of more than <c>StoreMonitor:MaxDroppedStoreShare</c> of the stores
    /// the current file names is refused with <c>409</c> and the counts, unless <c>?replace=true</c>; <c>?mode=merge</c>
    /// replaces the uploaded stores' rows only and rewrites the data directory's file to match.
    /// </remarks>
    private static async Task<Results<Accepted<UploadAccepted>, ProblemHttpResult>> Upload(
        HttpRequest request, IngestionCoordinator coordinator, RequestLimitSettings limits, bool? replace, string? mode, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(coordinator.DataDirectory))
        {
            return NoDataDirectory();
        }

        if (mode is not (null or "replace" or "merge") || (replace == true && mode == "merge"))
        {
            return TypedResults.Problem("mode must be 'merge' or 'replace', and ?replace=true cannot be combined with ?mode=merge.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid mode");
        }

        var uploadMode = mode == "merge" ? UploadMode.Merge : replace == true || mode == "replace" ? UploadMode.Replace : UploadMode.Guarded;

        // WithUploadSizeLimit() already caps the request body; the inbox counts the file too, so a chunked body that
        // grows past the limit is refused with a problem that names the setting.
        var inbox = new UploadInbox(coordinator.DataDirectory, limits.MaxUploadBytes, coordinator.MaxDroppedStoreShare);
        UploadOutcome? outcome = null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "", request.Body);
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null && outcome is null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    outcome = await inbox.SaveAsync(section.Body, disposition.FileNameStar.Value ?? disposition.FileName.Value, cancellationToken, uploadMode);
                }
            }

            outcome ??= UploadOutcome.Refused(UploadRefusal.Unreadable, "The multipart form has no file part.");
        }
        else
        {
            var name = request.Query["name"].FirstOrDefault() ?? request.Headers["X-File-Name"].FirstOrDefault();
            outcome = await inbox.SaveAsync(request.Body, name, cancellationToken, uploadMode);
        }

        if (outcome.Refusal is { } refusal)
        {
            return refusal switch
            {
                UploadRefusal.TooLarge => TypedResults.Problem($"The upload is larger than {RequestLimitSettings.SectionName}:MaxUploadBytes ({limits.MaxUploadBytes:N0} bytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload refused"),
                UploadRefusal.DropsTooManyStores => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict, title: "Upload would drop most stores' rows",
                    extensions: new Dictionary<string, object?> { ["stores_before"] = outcome.Drop!.Before, ["stores_dropped"] = outcome.Drop.Dropped }),
                _ => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest, title: "Upload refused"),
            };
        }

        var run = await coordinator.TryStartAsync();
        return TypedResults.Accepted("/ingestion", new UploadAccepted(
            Path.GetRelativePath(coordinator.DataDirectory, outcome.Path!), outcome.Kind!.Value.ToString(), run?.RunId,
            run is null ? "A run is in progress; the file is ingested right after it." : "Ingesting."));
    }

    /// <summary>The latest runs, newest first: <c>?limit=</c> 1 to 50, default 20.</summary>
    private static async Task<Results<Ok<IngestionRunEntryView[]>, ProblemHttpResult>> GetRuns(IngestionCoordinator coordinator, IGrainFactory grains, int? limit)
    {
        if (limit is < 1 or > IngestionHistory.Length)
        {
            return TypedResults.Problem($"limit must be 1 to {IngestionHistory.Length}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        var runs = await grains.GetGrain<IIngestionLedgerGrain>(0).GetRuns(limit ?? 20);
        var paths = new DataPaths(coordinator.DataDirectory);
        return TypedResults.Ok(runs.Select(entry => IngestionRunEntryView.From(entry, paths)).ToArray());
    }

    private static async Task<Results<Ok<IngestionSummaryView>, ProblemHttpResult>> GetRun(string runId, IGrainFactory grains) =>
        ReportIds.IsWellFormed(runId) && await grains.GetGrain<IIngestionRunGrain>(ReportIds.Normalize(runId)).GetSummary() is { } summary
            ? TypedResults.Ok(IngestionSummaryView.From(summary))
            : UnknownRun(runId);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetRejects(string runId, IGrainFactory grains) =>
        ReportIds.IsWellFormed(runId) && await grains.GetGrain<IIngestionRunGrain>(ReportIds.Normalize(runId)).GetRejectsCsv() is { } csv
            ? TypedResults.File(csv, "text/csv; charset=utf-8", $"rejects-{runId}.csv")
            : UnknownRun(runId);

    // Where the directory is, is the server's business (its log names it); the setting is what an operator changes.
    private static ProblemHttpResult NoDataDirectory() =>
        TypedResults.Problem("The data directory (StoreMonitor:DataDirectory) does not exist on the server.", statusCode: StatusCodes.Status409Conflict, title: "No data directory");

    private static ProblemHttpResult UnknownRun(string runId) =>
        TypedResults.Problem($"No ingestion run '{runId}' is kept (the history keeps the latest {IngestionHistory.Length}).", statusCode: StatusCodes.Status404NotFound, title: "Unknown run");
}
