using NodaTime;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// A <c>start_time_local</c> or <c>end_time_local</c> field of an hours file (weekly or special), read or rejected with
/// the reason: missing, not a time, finer than a tick, or <c>24:00</c> as a start.
/// </summary>
internal static class TimeColumn
{
    /// <summary>Reads a time column, or rejects the row saying why and returns false.</summary>
    public static bool TryRead<TRow>(CsvTable<TRow> table, int column, bool isEnd, out LocalTime time)
    {
        if (table[column].IsEmpty)
        {
            time = default;
            table.RejectMissing(column);
            return false;
        }

        switch (TimeOfDayText.TryParse(table[column], out time, out var endOfDay))
        {
            case ParseOutcome.Valid when endOfDay && !isEnd:
                table.Reject($"{table.Quote(column)}: 24:00:00 is only valid as an end time");
                return false;
            case ParseOutcome.Valid:
                return true;
            case ParseOutcome.FinerThanTick:
                table.Reject($"{table.Quote(column)} has more than 7 fractional digits (finer than a tick)");
                return false;
            default:
                table.Reject($"{table.Quote(column)} is not a time of day (HH:MM[:SS[.ffffff]])");
                return false;
        }
    }
}
