using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime.Windows;

/// <summary>
/// Long windows over stores whose evidence begins late: the stretch before it is measured in whole weeks
/// (<see cref="OpenTime"/>, <see cref="LeadingStretch"/>) and must give, to the nanosecond, what sweeping it interval
/// by interval gives — across DST transitions, special dates, overnight rows and stores without evidence in hours.
/// </summary>
public class LeadingStretchTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 100)];

    [Fact]
    public void A_quarter_over_a_store_polled_once_is_ninety_days_of_its_hours_by_hand()
    {
        // Open 09:00–17:00 every day in New York; one active poll in hours the day before the report time. The quarter
        // [2024-03-03, 2024-06-01) holds the spring-forward (2024-03-10, at 02:00: the hours are untouched) and 90 days
        // of 8 hours; with 2024-04-01 closed as a special date, 89 of them.
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        BusinessHoursRow[] rows = [.. Enumerable.Range(1, 7).Select(day => new BusinessHoursRow((IsoDayOfWeek)day, new LocalTime(9, 0), new LocalTime(17, 0)))];
        var now = Instant.FromUtc(2024, 6, 1, 0, 0);
        var polls = PollTimeline.Empty.Merge([Instant.FromUtc(2024, 5, 31, 14, 0).ToUnixTimeTicks()], [PollStatus.Active]).Timeline;
        var totals = new WindowTotals[2];

        UptimeCalculator.ComputeWindows(polls, BusinessSchedule.Create(rows, zone), now, [UptimeWindow.Quarter, UptimeWindow.Month], totals);
        var closed = new WindowTotals[1];
        UptimeCalculator.ComputeWindows(polls, BusinessSchedule.Create(rows, [SpecialHoursRow.ClosedOn(new LocalDate(2024, 4, 1))], zone), now, [UptimeWindow.Quarter], closed);

        Assert.Equal(new WindowTotals(Duration.FromHours(90 * 8), Duration.Zero), totals[0]);
        Assert.Equal(new WindowTotals(Duration.FromHours(30 * 8), Duration.Zero), totals[1]);
        Assert.Equal(new WindowTotals(Duration.FromHours(89 * 8), Duration.Zero), closed[0]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_window_equals_the_business_time_swept_interval_by_interval(int seed)
    {
        var store = SparseStore.Create(seed);
        var totals = new WindowTotals[store.Windows.Length];

        UptimeCalculator.ComputeWindows(store.Polls, store.Schedule, store.Now, store.Windows, totals);

        for (var i = 0; i < store.Windows.Length; i++)
        {
            var span = store.Windows[i].Span(store.Now);
            var segments = UptimeCalculator.Segments(store.Polls, store.Schedule, span.Start, span.End, store.Now);
            var swept = new WindowTotals(Sum(segments, PollStatus.Active), Sum(segments, PollStatus.Inactive));
            Assert.True(swept == totals[i], $"seed {seed}, window {store.Windows[i]} {span}: swept {swept}, computed {totals[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Measured_business_time_equals_the_listed_open_intervals(int seed)
    {
        var store = SparseStore.Create(seed);
        var random = new Random(seed);
        for (var i = 0; i < 20; i++)
        {
            var from = store.Now - Duration.FromMinutes(random.Next(0, 200 * 1440));
            var to = from + Duration.FromMinutes(random.Next(0, 200 * 1440));

            var measured = OpenTime.Measure(store.Schedule, UnixNanos.From(from), UnixNanos.From(to));

            Assert.Equal(Stores.TotalLength(store.Schedule.OpenIntervals(from, to)).ToInt64Nanoseconds(), measured);
        }
    }

    private static Duration Sum(IEnumerable<StatusSegment> segments, PollStatus status) =>
        segments.Where(segment => segment.Status == status).Aggregate(Duration.Zero, (sum, segment) => sum + (segment.End - segment.Start));

    /// <summary>
    /// A store polled only in the last days before its report time (or not at all, or only after it), with rows of every
    /// shape, special dates spread over the 130 days before, and windows from an hour to 130 days.
    /// </summary>
    private sealed record SparseStore(BusinessSchedule Schedule, PollTimeline Polls, Instant Now, UptimeWindow[] Windows)
    {
        public static SparseStore Create(int seed)
        {
            var random = new Random(seed);
            var zone = DateTimeZoneProviders.Tzdb[RandomisedAgreementTests.ZoneIds[random.Next(RandomisedAgreementTests.ZoneIds.Length)]];
            var transition = RandomStore.Transition(zone, random);
            var now = transition + Duration.FromMinutes(random.Next(-60 * 1440, 60 * 1440));
            // Half the rows open or close within 90 minutes of the transition's local time, in or around its gap or overlap.
            var nearTransition = transition.InZone(zone).TimeOfDay;
            var rows = Enumerable.Range(0, random.Next(6) == 0 ? 0 : random.Next(1, 6)).Select(_ =>
            {
                var row = RandomStore.RandomRow(random);
                var at = nearTransition.PlusMinutes(random.Next(-90, 91));
                return random.Next(4) switch { 0 => row with { Start = at }, 1 => row with { End = at }, _ => row };
            }).ToArray();
            var special = Enumerable.Range(0, random.Next(3) == 0 ? 0 : random.Next(1, 7)).Select(_ =>
            {
                var date = (now - Duration.FromDays(random.Next(0, 130))).InZone(zone).Date;
                var row = RandomStore.RandomRow(random);
                return random.Next(3) == 0 ? SpecialHoursRow.ClosedOn(date) : SpecialHoursRow.Open(date, row.Start, row.End);
            }).ToArray();

            var count = random.Next(0, 6);
            var ticks = new long[count];
            var statuses = new PollStatus[count];
            for (var i = 0; i < count; i++)
            {
                ticks[i] = (now + Duration.FromMinutes(random.Next(-10 * 1440, 1440))).ToUnixTimeTicks();
                statuses[i] = random.Next(3) == 0 ? PollStatus.Inactive : PollStatus.Active;
            }

            UptimeWindow[] windows =
            [
                .. UptimeWindow.Fixed,
                Range("a", random, now),
                Range("b", random, now),
            ];
            return new SparseStore(BusinessSchedule.Create(rows, special, zone), PollTimeline.Empty.Merge(ticks, statuses).Timeline, now, windows);
        }

        private static UptimeWindow Range(string name, Random random, Instant now)
        {
            var from = now - Duration.FromMinutes(random.Next(0, 130 * 1440));
            return UptimeWindow.Range(name, from, from + Duration.FromMinutes(random.Next(1, 120 * 1440)));
        }
    }
}
