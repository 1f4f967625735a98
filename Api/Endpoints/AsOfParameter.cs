using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// The optional report time of a request: <c>?as_of=</c>, or for <c>trigger_report</c> also <c>"as_of"</c> in its JSON
/// body (see <see cref="TriggerParameters"/>). Whatever the client sent is either used or refused with a problem; it is
/// never ignored.
/// </summary>
internal static class AsOfParameter
{
    public sealed record Result(Instant? AsOf, ProblemHttpResult? Problem);

    /// <summary>From the query only (GET endpoints).</summary>
    public static Result FromQuery(HttpRequest request)
    {
        var (found, asOf, problem) = ReadQuery(request);
        return new(found ? asOf : null, problem);
    }

    public static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) ReadQuery(HttpRequest request)
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

    /// <summary>The <c>as_of</c> property of a JSON body: a string, or null for "the latest poll".</summary>
    public static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) ReadJson(JsonElement value) => value switch
    {
        { ValueKind: JsonValueKind.Null } => (false, null, null),
        { ValueKind: JsonValueKind.String } => Parse(value.GetString()!),
        _ => (true, null, BadRequest("as_of must be a string such as \"2023-01-25T18:00:00Z\".")),
    };

    private static (bool Found, Instant? AsOf, ProblemHttpResult? Problem) Parse(string text)
    {
        var (instant, error) = ReportTime.Parse(text);
        return (true, instant, error is null ? null : BadRequest(error));
    }

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid as_of");
}
