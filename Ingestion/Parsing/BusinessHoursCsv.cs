using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// Reads <c>menu_hours.csv</c> / <c>business_hours.csv</c> (columns <c>store_id</c>, <c>dayOfWeek</c> or <c>day</c>,
/// <c>start_time_local</c>, <c>end_time_local</c>, in any order) into <see cref="HoursRow"/>s.
/// An end of <c>24:00</c> becomes <see cref="LocalTime.Midnight"/>, which <see cref="BusinessHoursRow"/>'s wrap-around
/// rule reads as midnight of the next date; as a start it is rejected, since no day starts at its own end.
/// Rows, rejections and blank lines are handled as by <see cref="StoreStatusCsv"/>.
/// </summary>
public static class BusinessHoursCsv
{
    public static CsvReadCounts Read(Stream utf8, string fileName, IRowSink<HoursRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<HoursRow>.Open(utf8, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    public static CsvReadCounts Read(TextReader text, string fileName, IRowSink<HoursRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var table = CsvTable<HoursRow>.Open(text, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    private static CsvReadCounts Read(CsvTable<HoursRow> table, Utf8StringPool storeIds)
    {
        var storeId = table.Column("store_id");
        var day = table.Column("dayOfWeek", alias: "day");
        var start = table.Column("start_time_local");
        var end = table.Column("end_time_local");
        while (table.MoveNext())
        {
            if (!StoreIdField.Check(table, storeId))
            {
                continue;
            }

            if (table[day].IsEmpty)
            {
                table.RejectMissing(day);
            }
            else if (!DayOfWeekText.TryParse(table[day], out var dayOfWeek))
            {
                table.Reject($"{table.Quote(day)} is not 0 (Monday) to 6 (Sunday)");
            }
            else if (TimeColumn.TryRead(table, start, isEnd: false, out var startTime)
                && TimeColumn.TryRead(table, end, isEnd: true, out var endTime))
            {
                table.Accept(new HoursRow(storeIds.Get(table[storeId]), new BusinessHoursRow(dayOfWeek, startTime, endTime)));
            }
        }

        return table.Counts;
    }
}
