using Microsoft.Net.Http.Headers;

namespace StoreMonitor.Api.Endpoints;

/// <summary>
/// How a complete report is served (docs/REPORTS.md#formats): <c>format=csv</c> (the default), <c>json</c> or
/// <c>ndjson</c>, and where its CSV can be downloaded.
/// </summary>
internal static class ReportDownloads
{
    public const string Csv = "csv";
    public const string Json = "json";
    public const string Ndjson = "ndjson";

    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>Where a report's CSV is downloaded (also <c>/get_report_file/{id}</c>).</summary>
    public static string CsvPath(string reportId) => $"/reports/{reportId}.csv";

    /// <summary>The format asked for, or why it is none (null format: none asked).</summary>
    public static (string? Format, string? Problem) ReadFormat(string? format) => format switch
    {
        null => (null, null),
        Csv or Json or Ndjson => (format, null),
        _ => (null, $"format is '{(format.Length > 20 ? format[..20] + "…" : format)}'; it is csv (the default), json or ndjson."),
    };

    /// <summary>
    /// Whether a client that named no format asks for JSON: its <c>Accept</c> names <c>application/json</c> and prefers it
    /// to CSV. Such clients (written against other versions of this API) get the report's status with its
    /// <c>download_url</c>, not its rows; <c>format=json</c> asks for the rows. <c>*/*</c>, a browser's list, or none
    /// keeps the CSV.
    /// </summary>
    public static bool PrefersJsonStatus(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double json = 0, csv = 0;
        foreach (var type in accepted)
        {
            var quality = type.Quality ?? 1;
            if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
            else if (type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv, quality);
            }
        }

        return json > 0 && json > csv;
    }
}
