using NodaTime;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>Fixed-width ASCII number fields of the time formats, read without allocating.</summary>
internal static class AsciiDigits
{
    /// <summary>Reads <paramref name="count"/> digits at <paramref name="start"/>; false if any is not a digit or the text is too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>
    /// Reads the fraction after a decimal point at <paramref name="position"/>, if there is one, as ticks, and moves past it.
    /// Up to 7 digits are exact; more are accepted only when they are zeros, since a tick is all a timeline can hold.
    /// </summary>
    public static ParseOutcome TryReadFraction(ReadOnlySpan<byte> text, ref int position, out long ticks)
    {
        ticks = 0;
        if (position >= text.Length || text[position] != '.')
        {
            return ParseOutcome.Valid;
        }

        var start = ++position;
        var outcome = ParseOutcome.Valid;
        for (; position < text.Length && (uint)(text[position] - '0') <= 9; position++)
        {
            var digit = text[position] - '0';
            if (position - start < 7)
            {
                ticks = (ticks * 10) + digit;
            }
            else if (digit != 0)
            {
                outcome = ParseOutcome.FinerThanTick;
            }
        }

        var digits = position - start;
        if (digits == 0)
        {
            return ParseOutcome.Malformed;
        }

        for (var scale = digits; scale < 7; scale++)
        {
            ticks *= 10;
        }

        return outcome;
    }

    /// <summary>Ticks of a wall-clock time of day, or -1 when hour, minute or second is out of range.</summary>
    public static long TimeOfDayTicks(int hour, int minute, int second) =>
        hour > 23 || minute > 59 || second > 59
            ? -1
            : (hour * NodaConstants.TicksPerHour) + (minute * NodaConstants.TicksPerMinute) + (second * NodaConstants.TicksPerSecond);
}
