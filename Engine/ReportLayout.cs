using System.Text;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// The columns of a report with chosen windows (docs/REPORTS.md#columns): <c>store_id</c>, the uptime of each window,
/// the downtime of each window, then, when asked for, the uptime of each window as a share of its business time. Names
/// follow SPEC §3 (<c>uptime_last_month(in hours)</c>, <c>uptime_jan(in hours)</c>, <c>uptime_last_day(in %)</c>), so the
/// SPEC windows without shares give exactly the SPEC header and rows.
/// </summary>
public sealed class ReportLayout
{
    public ReportLayout(IReadOnlyList<UptimeWindow> windows, bool includePercent)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count is 0 or > UptimeCalculator.MaxWindows)
        {
            throw new ArgumentException($"A report has 1 to {UptimeCalculator.MaxWindows} windows.", nameof(windows));
        }

        Windows = [.. windows];
        IncludePercent = includePercent;
        var columns = new List<string> { "store_id" };
        columns.AddRange(windows.Select(window => $"uptime_{window.ColumnName}({Unit(window)})"));
        columns.AddRange(windows.Select(window => $"downtime_{window.ColumnName}({Unit(window)})"));
        if (includePercent)
        {
            columns.AddRange(windows.Select(window => $"uptime_{window.ColumnName}(in %)"));
        }

        Columns = columns;
        Header = string.Join(',', columns);
    }

    public UptimeWindow[] Windows { get; }

    public bool IncludePercent { get; }

    /// <summary>Every column's name, <c>store_id</c> first.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The header line, without its newline.</summary>
    public string Header { get; }

    /// <summary>Appends one data row and its newline: values rounded as <see cref="ReportCsv"/> rounds them; an empty
    /// share where a window holds no business time.</summary>
    public void AppendRow(StringBuilder csv, string storeId, ReadOnlySpan<WindowTotals> totals)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(storeId);
        if (totals.Length != Windows.Length)
        {
            throw new ArgumentException("One total per window.", nameof(totals));
        }

        ReportCsv.AppendStoreId(csv, storeId);
        for (var i = 0; i < Windows.Length; i++)
        {
            ReportCsv.AppendValue(csv, Value(Windows[i], totals[i].Up));
        }

        for (var i = 0; i < Windows.Length; i++)
        {
            ReportCsv.AppendValue(csv, Value(Windows[i], totals[i].Down));
        }

        if (IncludePercent)
        {
            foreach (var window in totals)
            {
                if (ReportCsv.Percent(window) is { } share)
                {
                    ReportCsv.AppendValue(csv, share);
                }
                else
                {
                    csv.Append(',');
                }
            }
        }

        csv.Append('\n');
    }

    private static decimal Value(UptimeWindow window, NodaTime.Duration duration) =>
        window.InMinutes ? ReportCsv.Minutes(duration) : ReportCsv.Hours(duration);

    private static string Unit(UptimeWindow window) => window.InMinutes ? "in minutes" : "in hours";
}
