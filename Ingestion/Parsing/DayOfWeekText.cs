using NodaTime;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>The <c>dayOfWeek</c> column: one digit, 0 = Monday … 6 = Sunday (the dataset's numbering, not ISO's 1–7).</summary>
internal static class DayOfWeekText
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IsoDayOfWeek day)
    {
        var text = utf8.Trim(" \t"u8);
        if (text.Length == 1 && text[0] is >= (byte)'0' and <= (byte)'6')
        {
            day = (IsoDayOfWeek)(text[0] - '0' + 1);
            return true;
        }

        day = default;
        return false;
    }
}
