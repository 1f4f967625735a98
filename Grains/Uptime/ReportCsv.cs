using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Uptime;

/// <summary>The report file format: SPEC header, units, rounding, RFC 4180 quoting, formula-injection guard.</summary>
public static class ReportCsv
{
    public const string Header = "store_id,uptime_last_hour(in minutes),uptime_last_day(in hours),uptime_last_week(in hours),downtime_last_hour(in minutes),downtime_last_day(in hours),downtime_last_week(in hours)";

    // ENGINE-HELPER: implement.

    /// <summary>Appends one data row (no trailing newline handling beyond a single "\n").</summary>
    public static void AppendRow(System.Text.StringBuilder csv, string storeId, in UptimeTotals totals) => throw new NotImplementedException();
}
