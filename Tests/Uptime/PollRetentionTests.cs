using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// Compaction keeps exactly what reports inside the horizon need: for random stores (zones with DST, random hours,
/// stores polled in hours rarely or never) and random report times from the start of the horizon on, the compacted
/// timeline gives the same report as every poll.
/// </summary>
public class PollRetentionTests
{
    private static readonly Duration Horizon = Duration.FromDays(10);

    private static readonly string[] ZoneIds =
    [
        "America/New_York", "America/Chicago", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns",
        "Europe/London", "UTC", "America/Santiago", "Pacific/Chatham",
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Reports_inside_the_horizon_are_the_same_with_the_compacted_polls(int seed)
    {
        var (schedule, full) = RandomHistory(seed);
        var compacted = PollRetention.Compact(full, schedule, Horizon);
        var latest = full.Latest!.Value;
        var random = new Random(seed * 7919);
        Assert.True(compacted.Count < full.Count, "nothing was compacted");

        var asOfs = new List<Instant> { latest - Horizon, latest, latest + Duration.FromHours(3) };
        asOfs.AddRange(Enumerable.Range(0, 25).Select(_ => latest - Horizon + Duration.FromSeconds(random.NextInt64((long)Horizon.TotalSeconds + 7200))));
        foreach (var asOf in asOfs)
        {
            Assert.Equal(full.HasPollAtOrBefore(asOf), compacted.HasPollAtOrBefore(asOf));
            Assert.Equal(UptimeCalculator.Compute(full, schedule, asOf), UptimeCalculator.Compute(compacted, schedule, asOf));
            Assert.Equal(
                UptimeCalculator.Segments(full, schedule, asOf - UptimeCalculator.LastWeek, asOf, asOf),
                UptimeCalculator.Segments(compacted, schedule, asOf - UptimeCalculator.LastWeek, asOf, asOf));
        }
    }

    [Fact]
    public void Compaction_drops_old_polls_but_keeps_the_last_in_hours_and_the_last_poll_before_the_cut()
    {
        var zone = DateTimeZone.Utc;
        // Open Mondays 09:00-10:00 only.
        var schedule = BusinessSchedule.Create([new BusinessHoursRow(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(10, 0))], zone);
        var monday = Instant.FromUtc(2024, 1, 1, 9, 30);
        var latest = monday + Duration.FromDays(30);
        long[] ticks =
        [
            monday.ToUnixTimeTicks(), // in hours, the last in-hours poll before the cut
            (monday + Duration.FromHours(5)).ToUnixTimeTicks(), // out of hours, dropped
            (monday + Duration.FromDays(1)).ToUnixTimeTicks(), // out of hours, the last poll before the cut
            latest.ToUnixTimeTicks(),
        ];
        var polls = PollTimeline.FromSorted(ticks, [PollStatus.Active, PollStatus.Inactive, PollStatus.Inactive, PollStatus.Active]);

        var compacted = PollRetention.Compact(polls, schedule, Duration.FromDays(10));

        Assert.Equal([ticks[0], ticks[2], ticks[3]], compacted.UnixTicks.ToArray());
    }

    /// <summary>50 days of polls at random gaps (minutes to days), some stretches never in hours, ending near a DST change.</summary>
    private static (BusinessSchedule Schedule, PollTimeline Polls) RandomHistory(int seed)
    {
        var store = RandomStore.Create(seed, ZoneIds);
        var random = new Random(seed);
        var latest = store.Now + Duration.FromDays(random.Next(0, 12));
        var ticks = new List<long>();
        var statuses = new List<PollStatus>();
        var sparse = random.Next(3) == 0;
        for (var at = latest - Duration.FromDays(50); at < latest; at += Duration.FromMinutes(sparse ? random.Next(600, 6000) : random.Next(20, 240)))
        {
            ticks.Add(at.ToUnixTimeTicks());
            statuses.Add(random.Next(10) < 3 ? PollStatus.Inactive : PollStatus.Active);
        }

        ticks.Add(latest.ToUnixTimeTicks());
        statuses.Add(PollStatus.Active);
        return (store.Schedule, PollTimeline.FromSorted([.. ticks], [.. statuses]));
    }
}
