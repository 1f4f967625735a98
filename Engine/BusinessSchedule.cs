using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// A store's business hours in its zone: weekly rows, and special rows that replace them on single local dates
/// (docs/SEMANTICS.md#special-hours). Able to list the open intervals (as instants) over any span. No rows at all means
/// open 24×7. Local times map to instants leniently (gaps move forward, overlaps take the earlier).
/// </summary>
public sealed class BusinessSchedule
{
    // Rows per ISO weekday (index 1 = Monday … 7 = Sunday), as local nanoseconds of the day, sorted by opening.
    private readonly LocalOpening[][] openingsByWeekday;
    private readonly SpecialDays specialDays;
    private readonly int maxOpeningsPerDay;

    private BusinessSchedule(DateTimeZone zone, LocalOpening[][] openingsByWeekday, SpecialDays specialDays, bool isAlwaysOpen)
    {
        Zone = zone;
        this.openingsByWeekday = openingsByWeekday;
        this.specialDays = specialDays;
        IsAlwaysOpen = isAlwaysOpen;
        maxOpeningsPerDay = specialDays.MaxOpeningsPerDay;
        foreach (var day in openingsByWeekday)
        {
            maxOpeningsPerDay = Math.Max(maxOpeningsPerDay, day.Length);
        }
    }

    public static BusinessSchedule Create(IReadOnlyList<BusinessHoursRow> rows, DateTimeZone zone) =>
        Create(rows, [], zone);

    /// <summary>
    /// The schedule of weekly <paramref name="rows"/> with <paramref name="specialRows"/> replacing them on their dates.
    /// A store without weekly rows opens the whole of every date that has no special rows.
    /// </summary>
    public static BusinessSchedule Create(IReadOnlyList<BusinessHoursRow> rows, IReadOnlyList<SpecialHoursRow> specialRows, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(specialRows);
        ArgumentNullException.ThrowIfNull(zone);

        var special = SpecialDays.From(specialRows);
        var byWeekday = WeeklyOpenings(rows);
        if (rows.Count == 0 && !special.IsEmpty)
        {
            // No weekly rows counts as [00:00, 24:00) on every date, so that special rows have a day to replace.
            for (var day = (int)IsoDayOfWeek.Monday; day <= (int)IsoDayOfWeek.Sunday; day++)
            {
                byWeekday[day] = [LocalOpening.WholeDay];
            }
        }

        return new BusinessSchedule(zone, byWeekday, special, isAlwaysOpen: rows.Count == 0 && special.IsEmpty);
    }

    /// <summary>The rows' openings per ISO weekday (index 0 unused), each day sorted and without repeats.</summary>
    private static LocalOpening[][] WeeklyOpenings(IReadOnlyList<BusinessHoursRow> rows)
    {
        var counts = new int[8];
        for (var i = 0; i < rows.Count; i++)
        {
            var day = rows[i].Day;
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException("Business hours rows need a weekday from Monday to Sunday.", nameof(rows));
            }

            counts[(int)day]++;
        }

        var byWeekday = new LocalOpening[8][];
        for (var day = 0; day < byWeekday.Length; day++)
        {
            byWeekday[day] = counts[day] == 0 ? [] : new LocalOpening[counts[day]];
            counts[day] = 0;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var day = (int)rows[i].Day;
            byWeekday[day][counts[day]++] = LocalOpening.From(rows[i]);
        }

        for (var day = 0; day < byWeekday.Length; day++)
        {
            byWeekday[day] = LocalOpening.SortedDistinct(byWeekday[day]);
        }

        return byWeekday;
    }

    public DateTimeZone Zone { get; }

    public bool IsAlwaysOpen { get; }

    /// <summary>
    /// The business time of seven days that repeat the weekly rows (no special date, one zone offset), once
    /// <see cref="OpenTime"/> has measured it; −1 before. Any seven such days hold the same amount, whatever the offset.
    /// </summary>
    internal long SteadyWeekOpenNanos { get; set; } = -1;

    /// <summary>The first special date (days since 1970-01-01 local) on or after <paramref name="date"/>, or null.</summary>
    internal long? FirstSpecialDateFrom(long date)
    {
        int index = specialDays.FirstFrom(date);
        return index < specialDays.Count ? specialDays.DateAt(index) : null;
    }

    public bool IsOpen(Instant instant)
    {
        long nanos = UnixNanos.From(instant);
        using var buffer = new IntervalBuffer(Capacity(1), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        return FillOpenIntervals(nanos, nanos + 1, buffer.Span) > 0;
    }

    /// <summary>Merged, sorted, non-overlapping open intervals clipped to <c>[from, to)</c>.</summary>
    public IReadOnlyList<Interval> OpenIntervals(Instant from, Instant to)
    {
        long start = UnixNanos.From(from);
        long end = UnixNanos.From(to);
        if (end <= start)
        {
            return [];
        }

        using var buffer = new IntervalBuffer(Capacity(end - start), stackalloc NanoInterval[IntervalBuffer.StackLimit]);
        int count = FillOpenIntervals(start, end, buffer.Span);
        var intervals = new List<Interval>(count);
        foreach (var open in buffer.Span[..count])
        {
            intervals.Add(new Interval(UnixNanos.ToInstant(open.Start), UnixNanos.ToInstant(open.End)));
        }

        return intervals;
    }

    /// <summary>How many intervals <see cref="FillOpenIntervals"/> may write for a span of this length.</summary>
    internal int Capacity(long spanNanos)
    {
        if (IsAlwaysOpen)
        {
            return 1;
        }

        // Local dates touched by the span, plus the one before (overnight rows) and slack for the zone's offsets.
        long offsetSpread = Zone.MaxOffset.Nanoseconds - Zone.MinOffset.Nanoseconds;
        long dates = ((spanNanos + offsetSpread) / UnixNanos.PerDay) + 3;
        return (int)Math.Max(1, dates * maxOpeningsPerDay);
    }

    /// <summary>
    /// Writes the open intervals within <c>[from, to)</c> (Unix nanoseconds) into <paramref name="into"/>:
    /// clipped, sorted, merged (touching intervals join). Returns how many. Allocation-free.
    /// <paramref name="into"/> needs <see cref="Capacity"/> of the span's length.
    /// </summary>
    internal int FillOpenIntervals(long from, long to, Span<NanoInterval> into)
    {
        if (to <= from)
        {
            return 0;
        }

        if (IsAlwaysOpen)
        {
            into[0] = new NanoInterval(from, to);
            return 1;
        }

        // A local time L maps to an instant in [L − maxOffset, L − minOffset]. An opening on local date d lies
        // within local [d, d + 2 days), so only dates in this range can reach into [from, to).
        long minOffset = Zone.MinOffset.Nanoseconds;
        long maxOffset = Zone.MaxOffset.Nanoseconds;
        long firstDate = UnixNanos.FloorDiv(from + minOffset, UnixNanos.PerDay) - 1;
        long lastDate = UnixNanos.FloorDiv(to + maxOffset, UnixNanos.PerDay);

        var mapper = new LenientLocalMapper(Zone);
        int count = 0;
        int special = specialDays.FirstFrom(firstDate);
        for (long date = firstDate; date <= lastDate; date++)
        {
            long localMidnight = date * UnixNanos.PerDay;
            // On a special date only its special rows open; what opened the date before still runs into it.
            var openings = openingsByWeekday[WeekdayOf(date)];
            if (special < specialDays.Count && specialDays.DateAt(special) == date)
            {
                openings = specialDays.OpeningsAt(special++);
            }

            foreach (var opening in openings)
            {
                long open = mapper.ToUnixNanos(localMidnight + opening.Start);
                long close = mapper.ToUnixNanos(localMidnight + opening.End);
                // Clip; an opening that a DST gap squeezes to nothing (or turns round) is no opening at all.
                open = Math.Max(open, from);
                close = Math.Min(close, to);
                if (open < close)
                {
                    into[count++] = new NanoInterval(open, close);
                }
            }
        }

        return SortAndMerge(into[..count]);
    }

    // Days since 1970-01-01 (a Thursday) to ISO weekday 1..7.
    private static int WeekdayOf(long date) => (int)(((date % 7) + 7 + 3) % 7) + 1;

    // Openings come out nearly sorted (by date, then by local start), so insertion sort is the cheap choice.
    private static int SortAndMerge(Span<NanoInterval> intervals)
    {
        for (var i = 1; i < intervals.Length; i++)
        {
            var item = intervals[i];
            var j = i - 1;
            while (j >= 0 && intervals[j].Start > item.Start)
            {
                intervals[j + 1] = intervals[j];
                j--;
            }

            intervals[j + 1] = item;
        }

        int merged = 0;
        for (var i = 0; i < intervals.Length; i++)
        {
            if (merged > 0 && intervals[i].Start <= intervals[merged - 1].End)
            {
                var last = intervals[merged - 1];
                intervals[merged - 1] = last with { End = Math.Max(last.End, intervals[i].End) };
            }
            else
            {
                intervals[merged++] = intervals[i];
            }
        }

        return merged;
    }
}
