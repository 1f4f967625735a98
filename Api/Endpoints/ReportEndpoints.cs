using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>The report API: <c>POST /trigger_report</c> and <c>GET /get_report</c> (README, "HTTP API"), and the recent reports.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("").WithTags("Reports");
        reports.MapPost("/trigger_report", TriggerReport).WithName("TriggerReport")
            .WithSummary("Trigger a report").WithDescription("Starts a report as of the latest poll, or as_of from the query (?as_of=) or a JSON body {\"as_of\": \"...\"}.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(AsOfParameter.MaxBodyBytes))
            .RequireOperator().LimitedPerCaller(RateLimitPolicies.TriggerReport);
        reports.MapGetAndHead("/get_report", GetReport).WithName("GetReport")
            .WithSummary("Get a report").WithDescription("The report CSV once complete (X-Report-Status: Complete); its progress as JSON while running or failed.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .RequireReader();
        reports.MapGetAndHead("/reports", ListReports).WithName("ListReports")
            .WithSummary("Recent reports").WithDescription("The most recently triggered reports, newest first, with their status.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireReader();
        return routes;
    }

    private static async Task<Results<Accepted<ReportTriggered>, ProblemHttpResult>> TriggerReport(
        HttpRequest request, IGrainFactory grains, IClock clock, IOptions<StoreMonitorSiloOptions> options)
    {
        var asOf = await AsOfParameter.FromQueryOrBodyAsync(request);
        if (asOf.Problem is not null)
        {
            return asOf.Problem;
        }

        if (asOf.AsOf is { } requested && await RetentionHorizon.CheckAsync(requested, grains, options.Value) is { } tooOld)
        {
            return TypedResults.Problem(tooOld, statusCode: StatusCodes.Status400BadRequest, title: "as_of before the retention horizon");
        }

        var reportId = ReportIds.New();
        var started = await grains.GetGrain<IReportGrain>(reportId).Start(new ReportRequest(asOf.AsOf));
        await grains.GetGrain<IReportCatalogGrain>(0).Record(new ReportCatalogEntry(reportId, started.CreatedAt ?? clock.GetCurrentInstant(), asOf.AsOf));
        return TypedResults.Accepted($"/get_report?report_id={reportId}", new ReportTriggered(reportId));
    }

    private static async Task<Results<PushStreamHttpResult, Ok<ReportProgress>, ProblemHttpResult>> GetReport(
        string? report_id, HttpRequest request, HttpResponse response, IGrainFactory grains, IOptions<StoreMonitorSiloOptions> options)
    {
        if (string.IsNullOrWhiteSpace(report_id))
        {
            return TypedResults.Problem("The query parameter report_id is required.", statusCode: StatusCodes.Status400BadRequest, title: "Missing report_id");
        }

        if (!ReportIds.IsWellFormed(report_id))
        {
            var shown = report_id.Length > 40 ? report_id[..40] + "…" : report_id;
            return TypedResults.Problem($"report_id '{shown}' is not a report id (32 hexadecimal digits).", statusCode: StatusCodes.Status400BadRequest, title: "Malformed report_id");
        }

        var report = grains.GetGrain<IReportGrain>(ReportIds.Normalize(report_id));
        var status = await report.GetStatus();
        switch (status.State)
        {
            case ReportState.Unknown:
                return TypedResults.Problem(
                    $"No report has id '{report_id}': it was never triggered, or it has expired ({options.Value.ReportRetention.Describe()}).",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Unknown report");
            case ReportState.Complete when await report.GetContent() is { } content:
                response.Headers["X-Report-Status"] = "Complete";
                // Which ingestion runs the report counts: every run up to this one, each entirely.
                response.Headers["X-Included-Run-Number"] = status.IncludedRunNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (status.IncludedRunId is not null)
                {
                    response.Headers["X-Included-Run-Id"] = status.IncludedRunId;
                }

                // Streamed from the stored pieces: no process holds the whole file, however many stores it has.
                response.ContentLength = content.ByteCount;
                return TypedResults.Stream(
                    body => HttpMethods.IsHead(request.Method) ? Task.CompletedTask : ReportFile.CopyToAsync(grains, content, body, request.HttpContext.RequestAborted),
                    "text/csv; charset=utf-8",
                    $"report-{status.ReportId}.csv");
            case ReportState.Complete:
                // Its rows were the identical report's, deleted in the moment between the two being compared.
                return TypedResults.Problem(
                    $"Report '{report_id}' shared the rows of report '{status.SharedFrom}', which has expired ({options.Value.ReportRetention.Describe()}).",
                    statusCode: StatusCodes.Status410Gone,
                    title: "Expired report");
            default:
                return TypedResults.Ok(ReportProgress.From(status));
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
        return TypedResults.Ok(new RecentReports([.. statuses.Select(ReportProgress.From)]));
    }
}
