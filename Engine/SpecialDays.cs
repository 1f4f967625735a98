using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// The local dates a store's special hours replace (docs/SEMANTICS.md#special-hours), sorted, each with the openings
/// its special rows give it (none for a date that is only <c>closed</c>). The schedule walks its dates in order, so it
/// finds its first special date once and then steps through them: no look-up per date.
/// </summary>
internal sealed class SpecialDays
{
    private static readonly long TicksPerDay = Duration.FromDays(1).BclCompatibleTicks;

    // Local days since 1970-01-01, ascending, and the openings of each.
    private readonly long[] dates;
    private readonly LocalOpening[][] openings;

    private SpecialDays(long[] dates, LocalOpening[][] openings)
    {
        this.dates = dates;
        this.openings = openings;
        MaxOpeningsPerDay = openings.Length == 0 ? 0 : openings.Max(day => day.Length);
    }

    public static SpecialDays None { get; } = new([], []);

    public static SpecialDays From(IReadOnlyList<SpecialHoursRow> rows)
    {
        if (rows.Count == 0)
        {
            return None;
        }

        if (rows.Any(row => row.Date.Calendar != CalendarSystem.Iso))
        {
            throw new ArgumentException("Special hours rows need ISO calendar dates.", nameof(rows));
        }

        var days = rows
            .GroupBy(row => DaysSinceEpoch(row.Date))
            .OrderBy(day => day.Key)
            .ToArray();
        return new SpecialDays(
            [.. days.Select(day => day.Key)],
            [.. days.Select(day => LocalOpening.Ordered(day.Where(row => !row.Closed).Select(row => LocalOpening.From(row.Start, row.End))))]);
    }

    public int Count => dates.Length;

    public bool IsEmpty => dates.Length == 0;

    public int MaxOpeningsPerDay { get; }

    /// <summary>The local date (days since 1970-01-01) of the <paramref name="index"/>-th special date.</summary>
    public long DateAt(int index) => dates[index];

    public LocalOpening[] OpeningsAt(int index) => openings[index];

    /// <summary>The index of the first special date on or after <paramref name="date"/> (<see cref="Count"/> if none).</summary>
    public int FirstFrom(long date)
    {
        int index = Array.BinarySearch(dates, date);
        return index >= 0 ? index : ~index;
    }

    // Through ticks, not nanoseconds: a date far outside 1677–2262 must still have a number, even if no span reaches it.
    private static long DaysSinceEpoch(LocalDate date) => date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks() / TicksPerDay;
}
