using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime.Windows;

/// <summary>
/// A random store for window checks: its report time near a DST transition of its zone, a few rows (plain, overnight,
/// 24 h, ending 24:00), polls at whole minutes spread over the last 100 days (denser near now, some repeated with a
/// conflicting status), and every window kind: the five fixed ones and three named ranges that may lie before the
/// polls, after the report time, across the transition, or where the store is closed.
/// </summary>
internal sealed record RandomWindowStore(DateTimeZone Zone, BusinessHoursRow[] Rows, (Instant At, PollStatus Status)[] Polls, Instant Now, UptimeWindow[] Windows)
{
    public BusinessSchedule Schedule { get; } = BusinessSchedule.Create(Rows, Zone);

    public PollTimeline Timeline() => PollTimeline.Empty.Merge(
        Polls.Select(p => p.At.ToUnixTimeTicks()).ToArray(),
        Polls.Select(p => p.Status).ToArray()).Timeline;

    public static RandomWindowStore Create(int seed, string[] zoneIds)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb[zoneIds[random.Next(zoneIds.Length)]];
        var transition = RandomStore.Transition(zone, random);
        var now = transition + Duration.FromMinutes(random.Next(-3 * 1440, 10 * 1440));

        var rows = Enumerable.Range(0, random.Next(6) == 0 ? 0 : random.Next(1, 6)).Select(_ => RandomStore.RandomRow(random)).ToArray();

        var polls = new List<(Instant, PollStatus)>();
        var count = random.Next(0, 80);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(3) switch
            {
                0 => transition + Duration.FromMinutes(random.Next(-6 * 60, 6 * 60)),
                1 => now + Duration.FromMinutes(random.Next(-10 * 1440, 1440)),
                _ => now + Duration.FromMinutes(random.Next(-100 * 1440, 1440)),
            };
            var status = random.Next(10) < 3 ? PollStatus.Inactive : PollStatus.Active;
            polls.Add((at, status));
            if (random.Next(10) == 0)
            {
                polls.Add((at, status == PollStatus.Active ? PollStatus.Inactive : PollStatus.Active));
            }
        }

        UptimeWindow[] windows =
        [
            .. UptimeWindow.Fixed.OrderBy(_ => random.Next()),
            RandomRange("r1", random, transition, now),
            RandomRange("r2", random, transition, now),
            RandomRange("r3", random, transition, now),
        ];
        return new RandomWindowStore(zone, rows, [.. polls], now, windows);
    }

    private static UptimeWindow RandomRange(string name, Random random, Instant transition, Instant now)
    {
        // Anchored at the transition or the report time, starting up to 120 days before and lasting a minute to 40 days.
        var anchor = random.Next(2) == 0 ? transition : now;
        var from = anchor + Duration.FromMinutes(random.Next(-120 * 1440, 5 * 1440));
        var length = random.Next(4) == 0 ? Duration.FromMinutes(random.Next(1, 120)) : Duration.FromMinutes(random.Next(1, 40 * 1440));
        return UptimeWindow.Range(name, from, from + length);
    }
}
