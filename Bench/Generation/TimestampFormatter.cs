namespace StoreMonitor.Bench.Generation;

/// <summary>
/// Writes instants and times of day straight into a char buffer. Formatting millions of rows through
/// <see cref="DateTime.ToString()"/> would cost more than everything else in the generator together.
/// </summary>
public static class TimestampFormatter
{
    /// <summary>Longest output of <see cref="FormatUtc"/>: <c>2023-01-22 12:09:39.388884 UTC</c>.</summary>
    public const int MaxUtcLength = 30;

    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;

    /// <summary>
    /// <c>YYYY-MM-DD HH:MM:SS.ffffff UTC</c> the way the reference file (a PostgreSQL export) spells it: trailing
    /// zeros of the fraction dropped, and no fraction at all on a whole second.
    /// </summary>
    public static int FormatUtc(long unixMicros, Span<char> destination)
    {
        var days = Math.DivRem(unixMicros, MicrosPerDay, out var microsOfDay);
        if (microsOfDay < 0)
        {
            days--;
            microsOfDay += MicrosPerDay;
        }

        var (year, month, day) = CivilFromDays(days);
        Digits4(destination, 0, year);
        destination[4] = '-';
        Digits2(destination, 5, month);
        destination[7] = '-';
        Digits2(destination, 8, day);
        destination[10] = ' ';

        var seconds = (int)(microsOfDay / MicrosPerSecond);
        var fraction = (int)(microsOfDay % MicrosPerSecond);
        var length = 11 + FormatTimeOfDay(seconds, destination[11..]);
        if (fraction != 0)
        {
            destination[length++] = '.';
            var digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            for (var i = digits - 1; i >= 0; i--)
            {
                destination[length + i] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += digits;
        }

        " UTC".CopyTo(destination[length..]);
        return length + 4;
    }

    /// <summary><c>HH:MM:SS</c>; 86,400 seconds is written <c>24:00:00</c>, the end of the day.</summary>
    public static int FormatTimeOfDay(int secondsOfDay, Span<char> destination)
    {
        Digits2(destination, 0, secondsOfDay / 3600);
        destination[2] = ':';
        Digits2(destination, 3, secondsOfDay / 60 % 60);
        destination[5] = ':';
        Digits2(destination, 6, secondsOfDay % 60);
        return 8;
    }

    // Howard Hinnant's days-to-civil algorithm: proleptic Gregorian, exact for any day count we will meet.
    private static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var monthIndex = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * monthIndex) + 2) / 5) + 1);
        var month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        var year = (int)(yearOfEra + (era * 400) + (month <= 2 ? 1 : 0));
        return (year, month, day);
    }

    private static void Digits2(Span<char> destination, int at, int value)
    {
        destination[at] = (char)('0' + (value / 10));
        destination[at + 1] = (char)('0' + (value % 10));
    }

    private static void Digits4(Span<char> destination, int at, int value)
    {
        Digits2(destination, at, value / 100);
        Digits2(destination, at + 2, value % 100);
    }
}
