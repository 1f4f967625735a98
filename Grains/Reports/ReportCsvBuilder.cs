using System.Text;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Uptime;

namespace StoreMonitor.Grains.Reports;

/// <summary>Assembles the report file from the stores' rows: SPEC header, one row per store, ordinal store-id order.</summary>
public static class ReportCsvBuilder
{
    public static byte[] Build(List<StoreUptime> rows)
    {
        rows.Sort(static (a, b) => string.CompareOrdinal(a.StoreId, b.StoreId));
        var csv = new StringBuilder(capacity: 64 + (rows.Count * 72));
        csv.Append(ReportCsv.Header).Append('\n');
        foreach (var row in rows)
        {
            ReportCsv.AppendRow(csv, row.StoreId, row.Totals);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
