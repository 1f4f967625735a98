using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// One opening as local nanoseconds from the midnight of the date it opens on; the close may fall on the next date.
/// Weekly rows and special rows both become these (docs/SEMANTICS.md#business-hours).
/// </summary>
internal readonly record struct LocalOpening(long Start, long End)
{
    /// <summary>The whole local day, <c>[00:00, 24:00)</c>: what a store without weekly rows opens on every date.</summary>
    public static LocalOpening WholeDay { get; } = new(0, UnixNanos.PerDay);

    public static LocalOpening From(BusinessHoursRow row) => From(row.Start, row.End);

    public static LocalOpening From(LocalTime startTime, LocalTime endTime)
    {
        long start = startTime.NanosecondOfDay;
        long end = endTime.NanosecondOfDay;
        // end ≤ start closes on the following date: so end == start is 24 h and a 24:00 end (stored as
        // midnight) is the next date's midnight.
        return new LocalOpening(start, end > start ? end : end + UnixNanos.PerDay);
    }

    /// <summary>Distinct openings in the order the schedule lists them: by opening, then by closing.</summary>
    public static LocalOpening[] Ordered(IEnumerable<LocalOpening> openings) => SortedDistinct([.. openings]);

    /// <summary>
    /// <paramref name="openings"/> sorted in place by opening, then by closing, without repeats. No LINQ: every store a
    /// report activates builds its schedule, and the sorting operators cost more than the rows they sort.
    /// </summary>
    public static LocalOpening[] SortedDistinct(LocalOpening[] openings)
    {
        if (openings.Length < 2)
        {
            return openings;
        }

        Array.Sort(openings, static (left, right) => left.Start != right.Start ? left.Start.CompareTo(right.Start) : left.End.CompareTo(right.End));
        var kept = 1;
        for (var i = 1; i < openings.Length; i++)
        {
            if (openings[i] != openings[kept - 1])
            {
                openings[kept++] = openings[i];
            }
        }

        return kept == openings.Length ? openings : openings[..kept];
    }
}
