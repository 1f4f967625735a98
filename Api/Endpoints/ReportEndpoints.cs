using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// The report API: <c>POST /trigger_report</c> and <c>GET /get_report</c> (README, "HTTP API"), the recent reports, and
/// the calls clients of other versions make (<c>GET /trigger_report</c>, <c>/get_report_file/{id}</c>,
/// <c>/reports/{id}.csv</c>; README, "Clients of other versions").
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("").WithTags("Reports");
        reports.MapPost("/trigger_report", TriggerReport).WithName("TriggerReport")
            .WithSummary("Trigger a report")
            .WithDescription("Starts a report as of the latest poll, or as_of from the query (?as_of=) or a JSON body {\"as_of\": \"...\"}, with the options windows, stores or store_prefix, and include_percent (docs/REPORTS.md).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(TriggerParameters.MaxBodyBytes))
            .RequireOperator().LimitedPerCaller(RateLimitPolicies.TriggerReport);
        reports.MapGet("/trigger_report", TriggerReportFromQuery).WithName("TriggerReportFromQuery")
            .WithSummary("Trigger a report (GET)").WithDescription("As POST /trigger_report, for clients of other versions: as_of and the options in the query.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireOperator().LimitedPerCaller(RateLimitPolicies.TriggerReport);
        reports.MapGetAndHead("/get_report", GetReport).WithName("GetReport")
            .WithSummary("Get a report")
            .WithDescription("Once complete: the report CSV (X-Report-Status: Complete), or its rows as JSON or NDJSON with format=json|ndjson, or its status with download_url for Accept: application/json without format; its progress as JSON while running or failed.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .RequireReader();
        reports.MapGetAndHead("/get_report_file/{report_id}", DownloadCsv).WithName("GetReportFile")
            .WithSummary("Download a report's CSV").WithDescription("The complete report's CSV; 409 while it runs or when it failed, 404 for an unknown id.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .RequireReader();
        reports.MapGetAndHead("/reports/{report_id}.csv", DownloadCsv).WithName("GetReportCsv")
            .WithSummary("Download a report's CSV").WithDescription("The same as /get_report_file/{report_id}.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .RequireReader();
        reports.MapGetAndHead("/reports", ListReports).WithName("ListReports")
            .WithSummary("Recent reports").WithDescription("The most recently triggered reports, newest first, with their status and options.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireReader();
        return routes;
    }

    private static Task<Results<Accepted<ReportTriggered>, ProblemHttpResult>> TriggerReport(
        HttpRequest request, IGrainFactory grains, IClock clock, IOptions<StoreMonitorSiloOptions> options) =>
        TriggerAsync(request, readBody: true, grains, clock, options.Value);

    private static Task<Results<Accepted<ReportTriggered>, ProblemHttpResult>> TriggerReportFromQuery(
        HttpRequest request, IGrainFactory grains, IClock clock, IOptions<StoreMonitorSiloOptions> options)
    {
        if (request.ContentLength > 0)
        {
            // A body a GET carries is read by nobody: refuse it rather than trigger another report than asked for.
            return Task.FromResult<Results<Accepted<ReportTriggered>, ProblemHttpResult>>(TypedResults.Problem(
                "GET /trigger_report takes as_of and the options in the query; send a JSON body with POST.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Body on a GET"));
        }

        return TriggerAsync(request, readBody: false, grains, clock, options.Value);
    }

    private static async Task<Results<Accepted<ReportTriggered>, ProblemHttpResult>> TriggerAsync(
        HttpRequest request, bool readBody, IGrainFactory grains, IClock clock, StoreMonitorSiloOptions options)
    {
        var asked = await TriggerParameters.ReadAsync(request, readBody);
        if (asked.Problem is not null)
        {
            return asked.Problem;
        }

        if (asked.AsOf is { } requested && await RetentionHorizon.CheckAsync(requested, grains, options) is { } tooOld)
        {
            return TypedResults.Problem(tooOld, statusCode: StatusCodes.Status400BadRequest, title: "as_of before the retention horizon");
        }

        var reportId = ReportIds.New();
        var started = await grains.GetGrain<IReportGrain>(reportId).Start(new ReportRequest(asked.AsOf, asked.Options));
        await grains.GetGrain<IReportCatalogGrain>(0).Record(new ReportCatalogEntry(reportId, started.CreatedAt ?? clock.GetCurrentInstant(), asked.AsOf));
        return TypedResults.Accepted($"/get_report?report_id={reportId}", new ReportTriggered(reportId));
    }

    private static async Task<Results<PushStreamHttpResult, Ok<ReportProgress>, ProblemHttpResult>> GetReport(
        string? report_id, string? format, HttpRequest request, HttpResponse response, IGrainFactory grains, IOptions<StoreMonitorSiloOptions> options)
    {
        if (ReadId(report_id) is { } invalid)
        {
            return invalid;
        }

        var (chosen, formatProblem) = ReportDownloads.ReadFormat(format);
        if (formatProblem is not null)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid format");
        }

        var report = grains.GetGrain<IReportGrain>(ReportIds.Normalize(report_id!));
        var status = await report.GetStatus();
        switch (status.State)
        {
            case ReportState.Unknown:
                return UnknownReport(report_id!, options.Value);
            case ReportState.Complete when chosen is null && ReportDownloads.PrefersJsonStatus(request):
                // A client of another version asks with Accept: application/json and follows download_url.
                return TypedResults.Ok(ReportProgress.From(status));
            case ReportState.Complete when await report.GetContent() is { } content:
                return chosen is ReportDownloads.Json or ReportDownloads.Ndjson
                    ? JsonRows(status, content, chosen == ReportDownloads.Ndjson, request, response, grains)
                    : Csv(status, content, request, response, grains);
            case ReportState.Complete:
                return ExpiredRows(report_id!, status, options.Value);
            default:
                return TypedResults.Ok(ReportProgress.From(status));
        }
    }

    /// <summary><c>/get_report_file/{id}</c> and <c>/reports/{id}.csv</c>: the CSV of a complete report, or a problem.</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> DownloadCsv(
        string report_id, HttpRequest request, HttpResponse response, IGrainFactory grains, IOptions<StoreMonitorSiloOptions> options)
    {
        if (ReadId(report_id) is { } invalid)
        {
            return invalid;
        }

        var report = grains.GetGrain<IReportGrain>(ReportIds.Normalize(report_id));
        var status = await report.GetStatus();
        return status.State switch
        {
            ReportState.Unknown => UnknownReport(report_id, options.Value),
            ReportState.Running => TypedResults.Problem(
                $"Report '{report_id}' is still running ({status.StoresDone} of {status.StoresTotal} stores): it has no file yet. Ask /get_report?report_id={status.ReportId} until its status is Complete.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Report running"),
            ReportState.Failed => TypedResults.Problem(
                $"Report '{report_id}' failed, so it has no file: {status.Error}",
                statusCode: StatusCodes.Status409Conflict,
                title: "Report failed"),
            _ => await report.GetContent() is { } content ? Csv(status, content, request, response, grains) : ExpiredRows(report_id, status, options.Value),
        };
    }

    private static ProblemHttpResult? ReadId(string? reportId)
    {
        if (string.IsNullOrWhiteSpace(reportId))
        {
            return TypedResults.Problem("The query parameter report_id is required.", statusCode: StatusCodes.Status400BadRequest, title: "Missing report_id");
        }

        if (!ReportIds.IsWellFormed(reportId))
        {
            var shown = reportId.Length > 40 ? reportId[..40] + "…" : reportId;
            return TypedResults.Problem($"report_id '{shown}' is not a report id (32 hexadecimal digits).", statusCode: StatusCodes.Status400BadRequest, title: "Malformed report_id");
        }

        return null;
    }

    private static ProblemHttpResult UnknownReport(string reportId, StoreMonitorSiloOptions options) => TypedResults.Problem(
        $"No report has id '{reportId}': it was never triggered, or it has expired ({options.ReportRetention.Describe()}).",
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown report");

    // Its rows were the identical report's, deleted in the moment between the two being compared.
    private static ProblemHttpResult ExpiredRows(string reportId, ReportStatus status, StoreMonitorSiloOptions options) => TypedResults.Problem(
        $"Report '{reportId}' shared the rows of report '{status.SharedFrom}', which has expired ({options.ReportRetention.Describe()}).",
        statusCode: StatusCodes.Status410Gone,
        title: "Expired report");

    private static PushStreamHttpResult Csv(ReportStatus status, ReportContent content, HttpRequest request, HttpResponse response, IGrainFactory grains)
    {
        CompleteHeaders(status, response);
        // Streamed from the stored pieces: no process holds the whole file, however many stores it has.
        response.ContentLength = content.ByteCount;
        return TypedResults.Stream(
            body => HttpMethods.IsHead(request.Method) ? Task.CompletedTask : ReportFile.CopyToAsync(grains, content, body, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8",
            $"report-{status.ReportId}.csv");
    }

    /// <summary>The rows as JSON or NDJSON, streamed from the stored pieces like the CSV (its length is not known ahead).</summary>
    private static PushStreamHttpResult JsonRows(ReportStatus status, ReportContent content, bool ndjson, HttpRequest request, HttpResponse response, IGrainFactory grains)
    {
        CompleteHeaders(status, response);
        KeyValuePair<string, string?>[] head =
        [
            new("report_id", status.ReportId),
            new("status", status.State.ToString()),
            new("as_of", IsoInstant.Format(status.AsOf)),
        ];
        return TypedResults.Stream(
            body => HttpMethods.IsHead(request.Method) ? Task.CompletedTask : ReportJsonFile.CopyToAsync(grains, content, ndjson, head, body, request.HttpContext.RequestAborted),
            ndjson ? $"{ReportDownloads.NdjsonMediaType}; charset=utf-8" : "application/json; charset=utf-8",
            $"report-{status.ReportId}.{(ndjson ? ReportDownloads.Ndjson : ReportDownloads.Json)}");
    }

    private static void CompleteHeaders(ReportStatus status, HttpResponse response)
    {
        response.Headers["X-Report-Status"] = "Complete";
        // Which ingestion runs the report counts: every run up to this one, each entirely.
        response.Headers["X-Included-Run-Number"] = status.IncludedRunNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status.IncludedRunId is not null)
        {
            response.Headers["X-Included-Run-Id"] = status.IncludedRunId;
        }
    }

    private static async Task<Results<Ok<RecentReports>, ProblemHttpResult>> ListReports(IGrainFactory grains, int? limit)
    {
        var count = limit ?? 20;
        if (count is < 1 or > ReportCatalog.MaxListed)
        {
            return TypedResults.Problem($"limit must be between 1 and {ReportCatalog.MaxListed}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        var entries = await grains.GetGrain<IReportCatalogGrain>(0).Recent(count);
        var statuses = await Task.WhenAll(entries.Select(entry => grains.GetGrain<IReportGrain>(entry.ReportId).GetStatus()));
        return TypedResults.Ok(new RecentReports([.. statuses.Select(ReportProgress.Listed)]));
    }
}
