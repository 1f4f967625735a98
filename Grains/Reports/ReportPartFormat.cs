using System.Buffers;
using System.Text;
using StoreMonitor.Engine;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>Formats a slice's rows as the file has them (<see cref="ReportCsv.AppendRow"/>), keeping each row's store id and end.</summary>
public static class ReportPartFormat
{
    /// <param name="rows">In ordinal store-id order, as the file lists them.</param>
    public static ReportPart Format(IReadOnlyList<StoreUptime> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Format(rows.Count, rows.Count * 72, i => rows[i].StoreId, (line, i) => ReportCsv.AppendRow(line, rows[i].StoreId, rows[i].Totals));
    }

    /// <summary>The rows of a report with options, in the columns of <paramref name="layout"/>.</summary>
    /// <param name="rows">In ordinal store-id order, as the file lists them.</param>
    public static ReportPart Format(ReportLayout layout, IReadOnlyList<StoreWindowUptime> rows)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rows);
        return Format(rows.Count, rows.Count * 24 * layout.Columns.Count, i => rows[i].StoreId, (line, i) => layout.AppendRow(line, rows[i].StoreId, rows[i].Totals));
    }

    private static ReportPart Format(int count, int expectedBytes, Func<int, string> storeIdAt, Action<StringBuilder, int> appendRow)
    {
        var storeIds = new string[count];
        var rowEnds = new int[count];
        var bytes = new ArrayBufferWriter<byte>(Math.Max(256, expectedBytes));
        var line = new StringBuilder(256);
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            appendRow(line, i);
            foreach (var chunk in line.GetChunks())
            {
                var span = bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
                bytes.Advance(Encoding.UTF8.GetBytes(chunk.Span, span));
            }

            storeIds[i] = storeIdAt(i);
            rowEnds[i] = bytes.WrittenCount;
        }

        return new ReportPart(storeIds, rowEnds, bytes.WrittenSpan.ToArray());
    }
}
