using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// The optional report time of a request: <c>?as_of=</c>, or for <c>trigger_report</c> also a JSON body
/// <c>{"as_of": "..."}</c>. Whatever the client sent is either used or refused with a problem; it is never ignored.
/// </summary>
internal static class AsOfParameter
{
    /// <summary>The largest body <c>trigger_report</c> reads: <c>{"as_of": "..."}</c> needs under 100 bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record Result(Instant? AsOf, ProblemHttpResult? Problem);

    /// <summary>From the query only (GET endpoints).</summary>
    public static Result FromQuery(HttpRequest request)
    {
        var (found, asOf, problem) = ReadQuery(request);
        return new(found ? asOf : null, problem);
    }

    /// <summary>From the query and the JSON body; given in both, the two must name the same instant.</summary>
    public static async Task<Result> FromQueryOrBodyAsync(HttpRequest request)
    {
        var (inQuery, fromQuery, queryProblem) = ReadQuery(request);
        if (queryProblem is not null)
        {
            return new(null, queryProblem);
        }

        var (inBody, fromBody, bodyProblem) = await ReadBodyAsync(request);
        if (bodyProblem is not null)
        {
            return new(null, bodyProblem);
        }

        if (inQuery && inBody && fromQuery != fromBody)
        {
            return new(null, BadRequest($"as_of is {IsoInstant.Format(fromQuery)} in the query but {IsoInstant.Format(fromBody)} in the body; give it once."));
        }

        return new(fromQuery ?? fromBody, null);
    }

    private static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) ReadQuery(HttpRequest request)
    {
        var values = request.Query["as_of"];
        if (values.Count == 0)
        {
            return (false, null, null);
        }

        if (values.Count > 1)
        {
            return (true, null, BadRequest("as_of is given more than once in the query."));
        }

        return Parse(values[0] ?? string.Empty);
    }

    private static async Task<(bool Found, Instant? AsOf, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request)
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

        return ReadJson(body);
    }

    private static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) ReadJson(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (false, null, BadRequest("The request body must be a JSON object such as {\"as_of\": \"2023-01-25T18:00:00Z\"}."));
            }

            JsonElement? asOf = null;
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name != "as_of")
                {
                    // A misspelt as_of silently ignored would give a report at another time than asked for.
                    return (false, null, BadRequest($"The body has an unknown property '{Cut(property.Name)}'; the only one is as_of."));
                }

                if (asOf is not null)
                {
                    return (false, null, BadRequest("as_of is given more than once in the body."));
                }

                asOf = property.Value;
            }

            return asOf switch
            {
                null or { ValueKind: JsonValueKind.Null } => (false, null, null),
                { ValueKind: JsonValueKind.String } value => Parse(value.GetString()!),
                _ => (true, null, BadRequest("as_of must be a string such as \"2023-01-25T18:00:00Z\".")),
            };
        }
        catch (JsonException error)
        {
            return (false, null, BadRequest($"The request body is not valid JSON: {error.Message}"));
        }
    }

    private static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) Parse(string text)
    {
        var (instant, error) = ReportTime.Parse(text);
        return (true, instant, error is null ? null : BadRequest(error));
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

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid as_of");

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"The request body is larger than {MaxBodyBytes} bytes; {{\"as_of\": \"…\"}} needs under 100.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large");
}
