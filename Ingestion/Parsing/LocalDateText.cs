using NodaTime;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>The <c>date</c> column of <c>special_hours.csv</c>: a local date, exactly <c>yyyy-MM-dd</c>.</summary>
internal static class LocalDateText
{
    /// <summary>The first and last years a date may have: those of the instants the service works with.</summary>
    public const int FirstYear = 1900;

    public const int LastYear = 2199;

    public static ParseOutcome TryParse(ReadOnlySpan<byte> text, out LocalDate date)
    {
        date = default;
        if (text.Length != 10
            || !AsciiDigits.TryRead(text, 0, 4, out var year) || text[4] != '-'
            || !AsciiDigits.TryRead(text, 5, 2, out var month) || text[7] != '-'
            || !AsciiDigits.TryRead(text, 8, 2, out var day)
            || year == 0 || month is < 1 or > 12
            || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return ParseOutcome.Malformed;
        }

        date = new LocalDate(year, month, day);
        return ParseOutcome.Valid;
    }

    public static bool IsSupported(LocalDate date) => date.Year is >= FirstYear and <= LastYear;
}
