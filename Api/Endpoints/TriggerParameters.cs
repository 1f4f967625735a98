using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// What <c>trigger_report</c> is asked: <c>as_of</c> and the report's options (docs/REPORTS.md), from the query and,
/// for POST, a JSON body. Given in both, <c>as_of</c> must name the same instant and an option is refused. Whatever
/// the client sent is either used or refused with a problem; it is never ignored.
/// </summary>
internal static class TriggerParameters
{
    /// <summary>The largest body <c>trigger_report</c> reads: room for 10,000 store ids of the longest kind in common
    /// use (UUIDs), with room to spare.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly string Properties = $"as_of, {string.Join(", ", ReportOptionsParser.Names[..^1])} and {ReportOptionsParser.Names[^1]}";

    public sealed record Result(Instant? AsOf, ReportOptions? Options, ProblemHttpResult? Problem);

    public static async Task<Result> ReadAsync(HttpRequest request, bool readBody)
    {
        var (inQuery, fromQuery, queryProblem) = AsOfParameter.ReadQuery(request);
        if (queryProblem is not null)
        {
            return Refused(queryProblem);
        }

        var options = new ReportOptionsParser();
        if (options.FromQuery(request.Query) is { } optionProblem)
        {
            return Refused(optionProblem);
        }

        var (inBody, fromBody, bodyProblem) = readBody ? await ReadBodyAsync(request, options) : (false, null, null);
        if (bodyProblem is not null)
        {
            return Refused(bodyProblem);
        }

        if (inQuery && inBody && fromQuery != fromBody)
        {
            return Refused(AsOfParameter.BadRequest($"as_of is {IsoInstant.Format(fromQuery)} in the query but {IsoInstant.Format(fromBody)} in the body; give it once."));
        }

        var (built, buildProblem) = options.Build();
        return buildProblem is not null ? Refused(buildProblem) : new(fromQuery ?? fromBody, built, null);
    }

    private static Result Refused(ProblemHttpResult problem) => new(null, null, problem);

    private static async Task<(bool Found, Instant? AsOf, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, ReportOptionsParser options)
    {
        if (request.ContentLength == 0)
        {
            return (false, null, null);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (false, null, TooLarge());
        }

        byte[] body;
        try
        {
            body = await ReadAtMostAsync(request.Body, MaxBodyBytes + 1);
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel's own limit, or a body that broke off: answer with its status rather than fail the request.
            return (false, null, TypedResults.Problem(error.Message, statusCode: error.StatusCode, title: "Unreadable request body"));
        }

        if (body.Length > MaxBodyBytes)
        {
            return (false, null, TooLarge());
        }

        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (false, null, null);
        }

        if (request.ContentType is not null && !request.HasJsonContentType())
        {
            return (false, null, TypedResults.Problem(
                $"The body was sent as '{Cut(request.ContentType)}'; send {{\"as_of\": \"2023-01-25T18:00:00Z\"}} with Content-Type: application/json, or use ?as_of=.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type"));
        }

        return ReadJson(body, options);
    }

    private static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) ReadJson(byte[] body, ReportOptionsParser options)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (false, null, AsOfParameter.BadRequest("The request body must be a JSON object such as {\"as_of\": \"2023-01-25T18:00:00Z\", \"windows\": [\"day\", \"month\"]}."));
            }

            JsonElement? asOf = null;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (ReportOptionsParser.IsOption(property.Name))
                {
                    if (options.FromJson(property.Name, property.Value) is { } problem)
                    {
                        return (false, null, problem);
                    }

                    continue;
                }

                if (property.Name != "as_of")
                {
                    // A misspelt property silently ignored would give another report than asked for.
                    return (false, null, TypedResults.Problem(
                        $"The body has an unknown property '{Cut(property.Name)}'; the properties are {Properties}.",
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Unknown property"));
                }

                if (asOf is not null)
                {
                    return (false, null, AsOfParameter.BadRequest("as_of is given more than once in the body."));
                }

                asOf = property.Value;
            }

            return asOf is { } value ? AsOfParameter.ReadJson(value) : (false, null, null);
        }
        catch (JsonException error)
        {
            return (false, null, TypedResults.Problem($"The request body is not valid JSON: {error.Message} Send a JSON object such as {{\"as_of\": \"2023-01-25T18:00:00Z\", \"windows\": [\"day\"]}}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON"));
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit)
    {
        var buffer = new byte[Math.Min(limit, 4096)];
        var length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer[..length];
    }

    private static string Cut(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"The request body is larger than {MaxBodyBytes} bytes; {{\"as_of\": \"…\"}} needs under 100, and 10,000 store ids under 500 KB.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large");
}
