namespace StoreMonitor.Bench.Generation;

/// <summary>
/// Draws a store's weekly business hours in the shapes the real menu_hours.csv uses: plain day shifts, rows that
/// stop a breath before midnight (<c>23:59:00</c>, <c>23:59:59</c>), lunch and dinner splits, hours past midnight
/// written either as one overnight row (end before start) or the reference data's way (<c>00:00–00:10</c> plus
/// <c>11:00–23:59</c> on the same day), an occasional <c>24:00:00</c>, and days the store is closed.
/// </summary>
internal static class HoursProfileGenerator
{
    private const int Hour = 3600;
    private const int EndOfDay = 24 * Hour;

    private static readonly int[] DayStarts = [6 * Hour, 7 * Hour, 8 * Hour, 9 * Hour, 10 * Hour, 10 * Hour + 1800, 11 * Hour, 11 * Hour];
    private static readonly int[] DayEnds =
    [
        20 * Hour, (20 * Hour) + 1800, (20 * Hour) + 2700, 21 * Hour, (21 * Hour) + 1800, (21 * Hour) + 2700,
        22 * Hour, 22 * Hour, (22 * Hour) + 1800, 23 * Hour, 23 * Hour, EndOfDay - 60, EndOfDay - 1,
    ];
    private static readonly int[] AlmostMidnight = [EndOfDay - 60, EndOfDay - 1];
    private static readonly int[] NightStarts = [17 * Hour, 18 * Hour, 19 * Hour, 20 * Hour, 21 * Hour, 22 * Hour, 11 * Hour];
    private static readonly int[] NightEnds = [1 * Hour, 2 * Hour, 2 * Hour, 3 * Hour, 4 * Hour];
    private static readonly int[] SpillEnds = [600, 1 * Hour, 2 * Hour, 2 * Hour, 3 * Hour];

    /// <summary>The store's rows; none at all means open 24×7 (about one store in ten).</summary>
    public static List<HoursShift> Generate(Random random)
    {
        var shifts = new List<HoursShift>(8);
        var roll = random.NextDouble();
        if (roll < 0.10)
        {
            return shifts;
        }

        var openDays = OpenDays(random);
        var dayRows = roll switch
        {
            < 0.52 => SingleShift(random),
            < 0.64 => AllDay(random),
            < 0.74 => LunchAndDinner(random),
            < 0.82 => Overnight(random),
            < 0.97 => SpillPastMidnight(random),
            _ => UntilMidnight(random),
        };

        // Some stores keep later hours at the weekend (Friday and Saturday nights).
        var weekendLater = random.NextDouble() < 0.3;
        foreach (var day in openDays)
        {
            foreach (var (start, end) in dayRows)
            {
                var lateEnd = weekendLater && day is 4 or 5 && end is >= 20 * Hour and <= 22 * Hour ? end + Hour : end;
                shifts.Add(new HoursShift(day, start, lateEnd));
            }
        }

        // The real file lists a store's rows in no particular day order.
        var rows = shifts.ToArray();
        random.Shuffle(rows);
        shifts.Clear();
        shifts.AddRange(rows);
        return shifts;
    }

    private static int[] OpenDays(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.72 => [0, 1, 2, 3, 4, 5, 6],
            < 0.84 => [1, 2, 3, 4, 5, 6], // closed Mondays
            < 0.90 => [0, 1, 2, 3, 4, 5], // closed Sundays
            < 0.95 => [1, 2, 3, 4, 5], // closed Sunday and Monday
            < 0.98 => [0, 1, 2, 3, 4], // weekdays only
            _ => [4, 5, 6], // weekend spot
        };
    }

    private static (int Start, int End)[] SingleShift(Random random) =>
        [(Pick(random, DayStarts), Pick(random, DayEnds))];

    private static (int Start, int End)[] AllDay(Random random) => [(0, Pick(random, AlmostMidnight))];

    private static (int Start, int End)[] LunchAndDinner(Random random)
    {
        var lunchStart = random.NextDouble() < 0.5 ? 11 * Hour : (11 * Hour) + 1800;
        var lunchEnd = random.NextDouble() < 0.5 ? 14 * Hour : (14 * Hour) + 1800;
        var dinnerStart = random.NextDouble() < 0.5 ? 17 * Hour : (17 * Hour) + 1800;
        var dinnerEnd = 21 * Hour + (random.Next(0, 5) * 1800);
        return [(lunchStart, lunchEnd), (dinnerStart, dinnerEnd)];
    }

    /// <summary>One row whose end is before its start: open tonight, close early tomorrow.</summary>
    private static (int Start, int End)[] Overnight(Random random) => [(Pick(random, NightStarts), Pick(random, NightEnds))];

    /// <summary>The reference data's spelling of late hours: a sliver after midnight plus the day's shift, on one day.</summary>
    private static (int Start, int End)[] SpillPastMidnight(Random random) =>
        [(0, Pick(random, SpillEnds)), (Pick(random, DayStarts), Pick(random, AlmostMidnight))];

    private static (int Start, int End)[] UntilMidnight(Random random) => [(Pick(random, DayStarts), EndOfDay)];

    private static int Pick(Random random, int[] choices) => choices[random.Next(choices.Length)];
}
