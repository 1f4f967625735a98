using System.Text;
using NodaTime;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// The <c>timestamp_utc</c> column, read by hand: it is on every one of millions of rows, and a general date parser
/// (culture lookups, format guessing) would dominate the cost of ingestion.
/// Accepted: <c>YYYY-MM-DD</c>, a space or <c>T</c>, <c>HH:MM:SS</c>, an optional fraction, then <c>UTC</c>, <c>Z</c>,
/// an explicit offset (<c>+HH:MM</c>, <c>+HHMM</c>, <c>+HH</c>, converted to UTC) or nothing, since the column is UTC by
/// definition. Spaces may separate the zone from the time.
/// </summary>
internal static class UtcTimestamp
{
    private const int DateTimeLength = 19; // YYYY-MM-DD HH:MM:SS

    public static ParseOutcome TryParse(ReadOnlySpan<byte> text, out long unixTicks)
    {
        unixTicks = 0;
        if (text.Length < DateTimeLength
            || !AsciiDigits.TryRead(text, 0, 4, out var year) || text[4] != '-'
            || !AsciiDigits.TryRead(text, 5, 2, out var month) || text[7] != '-'
            || !AsciiDigits.TryRead(text, 8, 2, out var day) || text[10] is not ((byte)' ' or (byte)'T' or (byte)'t')
            || !AsciiDigits.TryRead(text, 11, 2, out var hour) || text[13] != ':'
            || !AsciiDigits.TryRead(text, 14, 2, out var minute) || text[16] != ':'
            || !AsciiDigits.TryRead(text, 17, 2, out var second))
        {
            return ParseOutcome.Malformed;
        }

        var position = DateTimeLength;
        var fraction = AsciiDigits.TryReadFraction(text, ref position, out var fractionTicks);
        if (fraction == ParseOutcome.Malformed
            || !TryReadOffset(text[position..].TrimStart((byte)' '), out var offsetTicks)
            || month is < 1 or > 12
            || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)
            || AsciiDigits.TimeOfDayTicks(hour, minute, second) < 0)
        {
            return ParseOutcome.Malformed;
        }

        unixTicks = Instant.FromUtc(year, month, day, hour, minute, second).ToUnixTimeTicks() + fractionTicks - offsetTicks;
        return fraction;
    }

    /// <summary>The zone designator: empty, <c>UTC</c>, <c>Z</c> or an offset of at most ±18:00 (NodaTime's range).</summary>
    private static bool TryReadOffset(ReadOnlySpan<byte> zone, out long offsetTicks)
    {
        offsetTicks = 0;
        if (zone.IsEmpty || Ascii.EqualsIgnoreCase(zone, "Z"u8) || Ascii.EqualsIgnoreCase(zone, "UTC"u8))
        {
            return true;
        }

        if (zone[0] is not ((byte)'+' or (byte)'-') || !AsciiDigits.TryRead(zone, 1, 2, out var hours))
        {
            return false;
        }

        var minutes = 0;
        var valid = zone.Length switch
        {
            3 => true,
            5 => AsciiDigits.TryRead(zone, 3, 2, out minutes),
            6 => zone[3] == ':' && AsciiDigits.TryRead(zone, 4, 2, out minutes),
            _ => false,
        };
        if (!valid || minutes > 59 || (hours * 60) + minutes > 18 * 60)
        {
            return false;
        }

        offsetTicks = ((hours * NodaConstants.TicksPerHour) + (minutes * NodaConstants.TicksPerMinute)) * (zone[0] == '-' ? -1 : 1);
        return true;
    }
}
