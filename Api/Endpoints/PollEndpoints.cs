using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using StoreMonitor.Api.Security;
using StoreMonitor.Ingestion.Push;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// <c>POST /polls</c>: polls pushed as they happen, one or many, in JSON, NDJSON or CSV. Each item is judged by the rules
/// of <c>store_status.csv</c>; the valid ones are stored (<see cref="PollPusher"/>) before the <c>202</c>.
/// </summary>
public static class PollEndpoints
{
    public static IEndpointRouteBuilder MapPollEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/polls", Push).WithName("PushPolls").WithTags("Polls").DisableAntiforgery()
            .WithSummary("Push polls")
            .WithDescription("Polls as they happen: a JSON array (or one object) or NDJSON of {store_id, timestamp_utc, status}, or CSV with the store_status.csv header; "
                + "the content type says which. Each item is judged as a row of store_status.csv; the valid ones are stored in their stores before the 202, which counts "
                + "accepted, duplicate and rejected items. 400 when no item is valid, 413 over StoreMonitor:Limits:MaxPollsBytes, "
                + "503 with Retry-After while a file ingestion run or reading reports hold the ingestion lease (nothing was stored).")
            .AddOpenApiOperationTransformer(DescribeBody)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireOperator().LimitedPerCaller(RateLimitPolicies.Polls);
        return routes;
    }

    /// <summary>
    /// The request body in the OpenAPI document. Not <c>Accepts()</c>: routing would then refuse another content type with
    /// a bare 415 before the endpoint could say which types it takes.
    /// </summary>
    private static async Task DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var polls = await context.GetOrCreateSchemaAsync(typeof(PushedPoll[]), cancellationToken: cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "application/json: an array of polls (or one poll object); application/x-ndjson: one poll object a line; "
                + "text/csv: store_id,status,timestamp_utc with a header, as store_status.csv.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = polls },
                ["application/x-ndjson"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        };
    }

    private static async Task<Results<Accepted<PollPushAccepted>, ProblemHttpResult>> Push(
        HttpContext http, PollPusher pusher, RequestLimitSettings limits, CancellationToken cancellationToken)
    {
        if (PollBatchContentType.FormatOf(http.Request.ContentType) is not { } format)
        {
            return TypedResults.Problem(
                $"Send polls as application/json (an array of objects, or one object), application/x-ndjson (an object a line) or text/csv (with the store_status.csv header), not '{http.Request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }

        if (await ReadBodyAsync(http, limits.MaxPollsBytes, cancellationToken) is not { } body)
        {
            return TypedResults.Problem($"A push may be at most {limits.MaxPollsBytes:N0} bytes ({RequestLimitSettings.SectionName}:MaxPollsBytes); send it in smaller batches.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Push too large");
        }

        if (body.Length == 0)
        {
            return Invalid("The body is empty: send at least one poll.");
        }

        PollBatch batch;
        try
        {
            batch = PollBatchReader.Read(body, format);
        }
        catch (PollBatchException error)
        {
            return Invalid(error.Message);
        }

        PollPushMetrics.RecordRejected(batch.Rejected, PollPushSource.Http);
        if (batch.Polls.Count == 0)
        {
            return batch.Rejected == 0
                ? Invalid("The body holds no poll.")
                : Invalid($"None of the {batch.Rejected:N0} items is a valid poll; the first: {batch.FirstRejections[0]}", batch);
        }

        var outcome = await pusher.PushAsync(batch.Polls, PollPushSource.Http, cancellationToken);
        if (outcome.Status != PollPushStatus.Stored)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                outcome.Status == PollPushStatus.Busy ? $"Nothing was stored: {outcome.Reason} Send the push again later." : $"The push failed: {outcome.Reason}",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: outcome.Status == PollPushStatus.Busy ? "Ingestion busy" : "Push failed");
        }

        return TypedResults.Accepted((string?)null, new PollPushAccepted(
            batch.Polls.Count + batch.Rejected,
            outcome.Accepted,
            outcome.Duplicates,
            batch.Rejected,
            [.. batch.FirstRejections],
            outcome.Stores,
            outcome.RunNumber));
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="maxBytes"/> (declared or as it streams).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Counted here instead, so that the answer names the setting; Kestrel's own limit may be lower or higher.
            limit.MaxRequestBodySize = null;
        }

        if (http.Request.ContentLength is { } length)
        {
            // The usual push: its size is declared, so it is read into one array of that size, not grown and copied.
            var declared = new byte[length];
            var filled = 0;
            int count;
            while (filled < declared.Length && (count = await http.Request.Body.ReadAsync(declared.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += count;
            }

            // Kestrel ends the body at the declared length, and fails the read of one that ends before it.
            return filled == declared.Length ? declared : declared[..filled];
        }

        using var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return null;
                }

                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return body.ToArray();
    }

    private static ProblemHttpResult Invalid(string detail, PollBatch? batch = null) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "No valid poll",
        extensions: batch is null ? null : new Dictionary<string, object?>
        {
            ["rejected"] = batch.Rejected,
            ["first_rejections"] = batch.FirstRejections,
        });
}
