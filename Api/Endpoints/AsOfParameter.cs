using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace StoreMonitor.Api.Endpoints;

/// <summary>Reads the optional report time from <c>?as_of=</c> or a JSON body <c>{"as_of": "..."}</c>.</summary>
internal static class AsOfParameter
{
    private static readonly IPattern<OffsetDateTime>[] Patterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF' UTC'"),
    ];

    public sealed record Result(Instant? AsOf, string? Error);

    /// <summary>The query's <c>as_of</c> (<paramref name="queryValue"/>) when given, else the JSON body's.</summary>
    public static async Task<Result> ReadAsync(HttpRequest request, string? queryValue)
    {
        var text = queryValue;
        if (text is null && request.ContentLength is not 0 && request.HasJsonContentType())
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return new(null, "The request body must be a JSON object such as {\"as_of\": \"2023-01-25T18:00:00Z\"}.");
                }

                if (body.RootElement.TryGetProperty("as_of", out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return new(null, "as_of must be a string such as \"2023-01-25T18:00:00Z\".");
                    }

                    text = value.GetString();
                }
            }
            catch (JsonException error)
            {
                return new(null, $"The request body is not valid JSON: {error.Message}");
            }
        }

        return Parse(text);
    }

    /// <summary>Reads <c>as_of</c> given as text (query string); null or blank means "not given".</summary>
    public static Result Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null);
        }

        foreach (var pattern in Patterns)
        {
            if (pattern.Parse(text.Trim()) is { Success: true } parsed)
            {
                return new(parsed.Value.ToInstant(), null);
            }
        }

        return new(null, $"as_of '{text}' is not an ISO 8601 instant with an offset, e.g. 2023-01-25T18:00:00Z.");
    }
}
