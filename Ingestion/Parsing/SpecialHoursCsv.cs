using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// Reads <c>special_hours.csv</c> (columns <c>store_id</c>, <c>date</c>, <c>start_time_local</c>,
/// <c>end_time_local</c>, in any order) into <see cref="SpecialRow"/>s. <c>date</c> is a local date
/// (<c>yyyy-MM-dd</c>, years 1900 to 2199); the times are read as in <see cref="BusinessHoursCsv"/>, or are both the
/// word <c>closed</c> (any case) for a date on which the store does not open. <c>closed</c> in one column only is
/// rejected: it is unclear whether the store opens. Rows, rejections and blank lines are handled as by
/// <see cref="StoreStatusCsv"/>.
/// </summary>
public static class SpecialHoursCsv
{
    private static readonly byte[] ClosedWord = "closed"u8.ToArray();

    public static CsvReadCounts Read(Stream utf8, string fileName, IRowSink<SpecialRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<SpecialRow>.Open(utf8, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    public static CsvReadCounts Read(TextReader text, string fileName, IRowSink<SpecialRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var table = CsvTable<SpecialRow>.Open(text, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    private static CsvReadCounts Read(CsvTable<SpecialRow> table, Utf8StringPool storeIds)
    {
        var storeId = table.Column("store_id");
        var date = table.Column("date");
        var start = table.Column("start_time_local");
        var end = table.Column("end_time_local");
        while (table.MoveNext())
        {
            if (!StoreIdField.Check(table, storeId) || !TryReadDate(table, date, out var day))
            {
                continue;
            }

            var startClosed = IsClosed(table[start]);
            var endClosed = IsClosed(table[end]);
            if (startClosed && endClosed)
            {
                table.Accept(new SpecialRow(storeIds.Get(table[storeId]), SpecialHoursRow.ClosedOn(day)));
            }
            else if (startClosed || endClosed)
            {
                var (closed, other) = startClosed ? (start, end) : (end, start);
                table.Reject($"{table.Name(closed)} is 'closed' but {(table[other].IsEmpty ? $"{table.Name(other)} is empty" : table.Quote(other))}: write closed in both time columns to close the date, or two times to open it");
            }
            else if (TimeColumn.TryRead(table, start, isEnd: false, out var startTime)
                && TimeColumn.TryRead(table, end, isEnd: true, out var endTime))
            {
                table.Accept(new SpecialRow(storeIds.Get(table[storeId]), SpecialHoursRow.Open(day, startTime, endTime)));
            }
        }

        return table.Counts;
    }

    private static bool TryReadDate(CsvTable<SpecialRow> table, int column, out LocalDate day)
    {
        day = default;
        if (table[column].IsEmpty)
        {
            table.RejectMissing(column);
            return false;
        }

        if (LocalDateText.TryParse(table[column], out day) != ParseOutcome.Valid)
        {
            table.Reject($"{table.Quote(column)} is not a date (yyyy-MM-dd)");
            return false;
        }

        if (!LocalDateText.IsSupported(day))
        {
            table.Reject($"{table.Quote(column)} is outside the supported years {LocalDateText.FirstYear} to {LocalDateText.LastYear}");
            return false;
        }

        return true;
    }

    private static bool IsClosed(ReadOnlySpan<byte> field) => Ascii.EqualsIgnoreCase(field, ClosedWord);
}
