using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// A small random store whose week straddles a DST transition of its zone (when it has one): a few rows
/// (plain, overnight, 24 h, ending 24:00), polls at whole seconds, some repeated with a conflicting status; with
/// <see cref="CreateWithSpecialHours"/>, special rows too, on the dates of its week and of its DST transitions.
/// </summary>
internal sealed record RandomStore(DateTimeZone Zone, BusinessHoursRow[] Rows, (Instant At, PollStatus Status)[] Polls, Instant Now, SpecialHoursRow[]? Special = null)
{
    public BusinessSchedule Schedule { get; } = BusinessSchedule.Create(Rows, Special ?? [], Zone);

    public SpecialHoursRow[] SpecialRows => Special ?? [];

    public PollTimeline Timeline() => PollTimeline.Empty.Merge(
        Polls.Select(p => p.At.ToUnixTimeTicks()).ToArray(),
        Polls.Select(p => p.Status).ToArray()).Timeline;

    public static RandomStore Create(int seed, string[] zoneIds)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb[zoneIds[random.Next(zoneIds.Length)]];
        var transition = Transition(zone, random);
        var now = transition + Duration.FromSeconds(random.Next(-2 * 86_400, 8 * 86_400));

        var rows = Enumerable.Range(0, random.Next(7) == 0 ? 0 : random.Next(1, 6)).Select(_ => RandomRow(random)).ToArray();

        var polls = new List<(Instant, PollStatus)>();
        int count = random.Next(0, 40);
        for (var i = 0; i < count; i++)
        {
            // Half of the polls near the transition, the rest anywhere from 9 days before now to 1 day after.
            var at = random.Next(2) == 0
                ? transition + Duration.FromSeconds(random.Next(-4 * 3600, 4 * 3600))
                : now + Duration.FromSeconds(random.Next(-9 * 86_400, 86_400));
            var status = random.Next(10) < 3 ? PollStatus.Inactive : PollStatus.Active;
            polls.Add((at, status));
            if (random.Next(8) == 0)
            {
                polls.Add((at, status == PollStatus.Active ? PollStatus.Inactive : PollStatus.Active));
            }
        }

        return new RandomStore(zone, rows, [.. polls], now);
    }

    /// <summary>
    /// The store of <see cref="Create"/> for the same seed (so its polls and times are the same draws), given special rows
    /// from a second generator: closed dates, plain, overnight and 24-hour rows, several per date, on local dates of the
    /// week before now and on the dates of the zone's transitions, with times near the transition's; in one case of four
    /// without weekly rows.
    /// </summary>
    public static RandomStore CreateWithSpecialHours(int seed, string[] zoneIds)
    {
        var store = Create(seed, zoneIds);
        var random = new Random(unchecked((seed * 7919) + 17));
        var zone = store.Zone;
        var transitions = zone.GetZoneIntervals(new Interval(store.Now - Duration.FromDays(10), store.Now + Duration.FromDays(2)))
            .Where(interval => interval.HasStart && interval.Start > store.Now - Duration.FromDays(10))
            .Select(interval => interval.Start.InZone(zone).LocalDateTime)
            .ToArray();
        var nowDate = store.Now.InZone(zone).Date;

        var special = new List<SpecialHoursRow>();
        for (var i = random.Next(1, 7); i > 0; i--)
        {
            var nearTransition = transitions.Length > 0 && random.Next(2) == 0;
            var date = nearTransition ? transitions[random.Next(transitions.Length)].Date.PlusDays(random.Next(-1, 2)) : nowDate.PlusDays(random.Next(-8, 2));
            if (random.Next(5) == 0)
            {
                special.Add(SpecialHoursRow.ClosedOn(date));
                continue;
            }

            var row = RandomRow(random);
            if (nearTransition && random.Next(2) == 0)
            {
                // Open or close inside, or just around, the gap or overlap of the transition.
                var at = transitions[random.Next(transitions.Length)].TimeOfDay.PlusMinutes(random.Next(-90, 91));
                row = random.Next(2) == 0 ? row with { Start = at } : row with { End = at };
            }

            special.Add(SpecialHoursRow.Open(date, row.Start, row.End));
        }

        var weekly = random.Next(4) == 0 ? [] : store.Rows;
        return new RandomStore(zone, weekly, store.Polls, store.Now, [.. special]);
    }

    internal static Instant Transition(DateTimeZone zone, Random random)
    {
        var year = new Interval(Instant.FromUtc(2024, 1, 1, 0, 0), Instant.FromUtc(2025, 1, 1, 0, 0));
        var starts = zone.GetZoneIntervals(year).Where(i => i.HasStart && year.Contains(i.Start)).Select(i => i.Start).ToArray();
        return starts.Length == 0 ? Instant.FromUtc(2024, 3, 10, 7, 0) : starts[random.Next(starts.Length)];
    }

    internal static BusinessHoursRow RandomRow(Random random)
    {
        var day = (IsoDayOfWeek)random.Next(1, 8);
        var start = LocalTime.FromMinutesSinceMidnight(random.Next(24 * 60));
        var end = random.Next(6) switch
        {
            0 => start, // 24 hours
            1 => LocalTime.Midnight, // 24:00
            2 => start.PlusMinutes(-random.Next(1, 12 * 60)), // overnight
            _ => LocalTime.FromMinutesSinceMidnight(random.Next(24 * 60)),
        };
        return new BusinessHoursRow(day, start, end);
    }
}
