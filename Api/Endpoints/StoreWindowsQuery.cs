using Microsoft.AspNetCore.Http.HttpResults;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// The report options a store's uptime takes from its query: <c>windows</c> and <c>include_percent</c>, read as
/// <c>trigger_report</c> reads them. A store option (<c>stores</c>, <c>store_prefix</c>) names no store here and is refused.
/// </summary>
internal static class StoreWindowsQuery
{
    public static (ReportOptions? Options, ProblemHttpResult? Problem) Read(IQueryCollection query)
    {
        foreach (var name in new[] { ReportOptionsParser.StoresName, ReportOptionsParser.StorePrefixName })
        {
            if (query.ContainsKey(name))
            {
                return (null, TypedResults.Problem(
                    $"{name} chooses the stores of a report; a store's uptime is the store in its path.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: $"Invalid {name}"));
            }
        }

        var parser = new ReportOptionsParser();
        return parser.FromQuery(query) is { } problem ? (null, problem) : parser.Build();
    }
}
