using System.Globalization;
using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>The report file format (docs/SEMANTICS.md#units): header, units, rounding, RFC 4180 quoting, formula-injection guard.</summary>
public static class ReportCsv
{
    public const string Header = "store_id,uptime_last_hour(in minutes),uptime_last_day(in hours),uptime_last_week(in hours),downtime_last_hour(in minutes),downtime_last_day(in hours),downtime_last_week(in hours)";

    private const decimal NanosecondsPerMinute = 60_000_000_000m;
    private const decimal NanosecondsPerHour = 3_600_000_000_000m;

    /// <summary>
    /// The whole report file (UTF-8): the header, then one row per store in ordinal store-id order
    /// (docs/SEMANTICS.md#rows). The caller's collection is left as it was.
    /// </summary>
    public static byte[] Build<TRow>(IReadOnlyCollection<TRow> rows)
        where TRow : IReportRow
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder(capacity: 64 + (rows.Count * 72));
        csv.Append(Header).Append('\n');
        foreach (var row in rows.OrderBy(static row => row.StoreId, StringComparer.Ordinal))
        {
            AppendRow(csv, row.StoreId, row.Totals);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Appends one data row (no trailing newline handling beyond a single "\n").</summary>
    /// <remarks>
    /// Last-hour values are minutes, day and week values hours (docs/SEMANTICS.md#units), each rounded half away from zero to two
    /// decimals and always written with exactly two (<c>0.00</c>, <c>60.00</c>, <c>1.74</c>), invariant culture.
    /// </remarks>
    public static void AppendRow(StringBuilder csv, string storeId, in UptimeTotals totals)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(storeId);

        AppendStoreId(csv, storeId);
        AppendValue(csv, Minutes(totals.UpLastHour));
        AppendValue(csv, Hours(totals.UpLastDay));
        AppendValue(csv, Hours(totals.UpLastWeek));
        AppendValue(csv, Minutes(totals.DownLastHour));
        AppendValue(csv, Hours(totals.DownLastDay));
        AppendValue(csv, Hours(totals.DownLastWeek));
        csv.Append('\n');
    }

    /// <summary>A duration in minutes, rounded half away from zero to two decimals.</summary>
    public static decimal Minutes(Duration duration) => Round(duration.ToInt64Nanoseconds() / NanosecondsPerMinute);

    /// <summary>A duration in hours, rounded half away from zero to two decimals.</summary>
    public static decimal Hours(Duration duration) => Round(duration.ToInt64Nanoseconds() / NanosecondsPerHour);

    /// <summary>Uptime as a share of business time in percent, rounded half away from zero to two decimals; null
    /// when the window holds no business time (SPEC R10).</summary>
    public static decimal? Percent(in WindowTotals totals)
    {
        long business = totals.BusinessTime.ToInt64Nanoseconds();
        return business == 0 ? null : Round(totals.Up.ToInt64Nanoseconds() * 100m / business);
    }

    // Decimal division is exact to 28 digits; a duration's true quotient is either exactly on a .xx5 boundary
    // (then decimal holds it exactly) or far further from it than that, so rounding never goes the wrong way.
    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    internal static void AppendValue(StringBuilder csv, decimal value)
    {
        csv.Append(',');
        csv.Append(value.ToString("0.00", CultureInfo.InvariantCulture));
    }

    internal static void AppendStoreId(StringBuilder csv, string storeId)
    {
        // A spreadsheet would run a cell starting with these as a formula; the apostrophe makes it text.
        bool guard = storeId.Length > 0 && storeId[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        bool quote = storeId.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote)
        {
            csv.Append('"');
        }

        if (guard)
        {
            csv.Append('\'');
        }

        csv.Append(quote ? storeId.Replace("\"", "\"\"", StringComparison.Ordinal) : storeId);
        if (quote)
        {
            csv.Append('"');
        }
    }
}
