using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// A small random store whose week straddles a DST transition of its zone (when it has one): a few rows
/// (plain, overnight, 24 h, ending 24:00), polls at whole seconds, some repeated with a conflicting status.
/// </summary>
internal sealed record RandomStore(DateTimeZone Zone, BusinessHoursRow[] Rows, (Instant At, PollStatus Status)[] Polls, Instant Now)
{
    public BusinessSchedule Schedule { get; } = BusinessSchedule.Create(Rows, Zone);

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

    private static Instant Transition(DateTimeZone zone, Random random)
    {
        var year = new Interval(Instant.FromUtc(2024, 1, 1, 0, 0), Instant.FromUtc(2025, 1, 1, 0, 0));
        var starts = zone.GetZoneIntervals(year).Where(i => i.HasStart && year.Contains(i.Start)).Select(i => i.Start).ToArray();
        return starts.Length == 0 ? Instant.FromUtc(2024, 3, 10, 7, 0) : starts[random.Next(starts.Length)];
    }

    private static BusinessHoursRow RandomRow(Random random)
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
