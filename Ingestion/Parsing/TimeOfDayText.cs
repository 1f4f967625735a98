using NodaTime;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// The <c>start_time_local</c> / <c>end_time_local</c> columns: <c>HH:MM</c>, <c>HH:MM:SS</c> or <c>HH:MM:SS.fffffff</c>,
/// plus <c>24:00</c> (<c>24:00:00</c>, any zero fraction) for the end of the day, returned as
/// <see cref="LocalTime.Midnight"/> with <c>endOfDay</c> set so the caller can refuse it as a start.
/// </summary>
internal static class TimeOfDayText
{
    public static ParseOutcome TryParse(ReadOnlySpan<byte> text, out LocalTime time, out bool endOfDay)
    {
        time = default;
        endOfDay = false;
        var second = 0;
        var position = 5;
        if (text.Length < position
            || !AsciiDigits.TryRead(text, 0, 2, out var hour) || text[2] != ':'
            || !AsciiDigits.TryRead(text, 3, 2, out var minute))
        {
            return ParseOutcome.Malformed;
        }

        if (text.Length > position && text[position] == ':')
        {
            if (!AsciiDigits.TryRead(text, 6, 2, out second))
            {
                return ParseOutcome.Malformed;
            }

            position = 8;
        }

        // A fraction needs seconds before it: "12:30.5" is not a time.
        var fractionTicks = 0L;
        var fraction = position == 8 ? AsciiDigits.TryReadFraction(text, ref position, out fractionTicks) : ParseOutcome.Valid;
        if (fraction == ParseOutcome.Malformed || position != text.Length)
        {
            return ParseOutcome.Malformed;
        }

        if (hour == 24 && minute == 0 && second == 0 && fractionTicks == 0 && fraction == ParseOutcome.Valid)
        {
            time = LocalTime.Midnight;
            endOfDay = true;
            return ParseOutcome.Valid;
        }

        var ticks = AsciiDigits.TimeOfDayTicks(hour, minute, second);
        if (ticks < 0)
        {
            return ParseOutcome.Malformed;
        }

        time = LocalTime.FromTicksSinceMidnight(ticks + fractionTicks);
        return fraction;
    }
}
