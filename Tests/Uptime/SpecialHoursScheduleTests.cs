using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// Special hours replace the weekly rows on their local dates (docs/SEMANTICS.md#special-hours). Expected instants are
/// worked out by hand in the comments. 2024-12-24 is a Tuesday, 2024-03-10 and 2024-11-03 are Sundays.
/// </summary>
public class SpecialHoursScheduleTests
{
    private static IReadOnlyList<Interval> Open(BusinessSchedule schedule, Instant from, Instant to) => schedule.OpenIntervals(from, to);

    [Fact]
    public void A_closed_date_opens_nothing_and_the_days_around_it_keep_their_weekly_hours()
    {
        var schedule = Schedule("UTC", EveryDay("09:00", "17:00"), Closed("2024-12-25"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 24, 9, 0), Utc(2024, 12, 24, 17, 0)), new Interval(Utc(2024, 12, 26, 9, 0), Utc(2024, 12, 26, 17, 0))],
            Open(schedule, Utc(2024, 12, 24, 0, 0), Utc(2024, 12, 27, 0, 0)));
    }

    [Fact]
    public void A_closed_date_still_gets_the_overnight_row_that_opened_the_day_before()
    {
        // Tuesday 18:00–02:00 runs into Christmas Day; Wednesday's own 18:00–02:00 does not open.
        var schedule = Schedule("UTC", [Row(IsoDayOfWeek.Tuesday, "18:00", "02:00"), Row(IsoDayOfWeek.Wednesday, "18:00", "02:00")], Closed("2024-12-25"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 24, 18, 0), Utc(2024, 12, 25, 2, 0))],
            Open(schedule, Utc(2024, 12, 24, 0, 0), Utc(2024, 12, 27, 0, 0)));
    }

    [Fact]
    public void Extended_hours_replace_the_weekly_row_of_that_date_only()
    {
        // Monday 2024-12-23 opens 08:00–22:00 instead of 09:00–17:00; Monday 2024-12-30 is as every week.
        var schedule = Schedule("UTC", [Row(IsoDayOfWeek.Monday, "09:00", "17:00")], Special("2024-12-23", "08:00", "22:00"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 23, 8, 0), Utc(2024, 12, 23, 22, 0)), new Interval(Utc(2024, 12, 30, 9, 0), Utc(2024, 12, 30, 17, 0))],
            Open(schedule, Utc(2024, 12, 22, 0, 0), Utc(2024, 12, 31, 0, 0)));
    }

    [Fact]
    public void An_overnight_special_row_runs_into_the_next_date_which_keeps_its_own_hours()
    {
        // New Year's Eve 20:00 to New Year's Day 02:00 instead of 09:00–17:00; 2025-01-01 still opens 09:00–17:00.
        var schedule = Schedule("UTC", EveryDay("09:00", "17:00"), Special("2024-12-31", "20:00", "02:00"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 31, 20, 0), Utc(2025, 1, 1, 2, 0)), new Interval(Utc(2025, 1, 1, 9, 0), Utc(2025, 1, 1, 17, 0))],
            Open(schedule, Utc(2024, 12, 31, 0, 0), Utc(2025, 1, 2, 0, 0)));
    }

    [Fact]
    public void An_overnight_special_row_runs_into_a_closed_date()
    {
        var schedule = Schedule("UTC", EveryDay("09:00", "17:00"), Special("2024-12-31", "20:00", "02:00"), Closed("2025-01-01"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 31, 20, 0), Utc(2025, 1, 1, 2, 0))],
            Open(schedule, Utc(2024, 12, 31, 0, 0), Utc(2025, 1, 2, 0, 0)));
    }

    [Fact]
    public void Several_rows_of_a_date_are_a_union_and_a_closed_row_beside_them_adds_nothing()
    {
        // 10:00–12:00 and 11:00–14:00 join; 18:00–24:00 ends at the next midnight; "closed" only marks the date.
        var schedule = Schedule("UTC", EveryDay("09:00", "17:00"),
            Special("2024-12-24", "10:00", "12:00"), Special("2024-12-24", "11:00", "14:00"), Special("2024-12-24", "18:00", "24:00"), Closed("2024-12-24"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 24, 10, 0), Utc(2024, 12, 24, 14, 0)), new Interval(Utc(2024, 12, 24, 18, 0), Utc(2024, 12, 25, 0, 0))],
            Open(schedule, Utc(2024, 12, 24, 0, 0), Utc(2024, 12, 25, 0, 0)));
    }

    [Fact]
    public void The_date_is_local_to_the_store()
    {
        // In Kolkata (+05:30) Christmas Day is 2024-12-24T18:30Z to 2024-12-25T18:30Z; weekly 00:00–24:00 elsewhere.
        var schedule = Schedule("Asia/Kolkata", EveryDay("00:00", "24:00"), Closed("2024-12-25"));

        Assert.Equal(
            [new Interval(Utc(2024, 12, 23, 18, 30), Utc(2024, 12, 24, 18, 30)), new Interval(Utc(2024, 12, 25, 18, 30), Utc(2024, 12, 26, 18, 30))],
            Open(schedule, Utc(2024, 12, 23, 18, 30), Utc(2024, 12, 26, 18, 30)));
    }

    [Fact]
    public void A_special_row_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        // New York, Sunday 2024-03-10: 02:30 does not exist and becomes 03:30 EDT = 07:30Z; 04:00 EDT = 08:00Z.
        // The weekly Sunday 09:00–17:00 does not open that date.
        var schedule = Schedule("America/New_York", [Row(IsoDayOfWeek.Sunday, "09:00", "17:00")], Special("2024-03-10", "02:30", "04:00"));

        Assert.Equal(
            [new Interval(Utc(2024, 3, 10, 7, 30), Utc(2024, 3, 10, 8, 0))],
            Open(schedule, Utc(2024, 3, 9, 0, 0), Utc(2024, 3, 12, 0, 0)));
    }

    [Fact]
    public void A_24_hour_special_row_on_the_spring_forward_date_lasts_23_hours()
    {
        // 00:00 EST = 05:00Z to 2024-03-11 00:00 EDT = 04:00Z.
        var schedule = Schedule("America/New_York", [Row(IsoDayOfWeek.Sunday, "09:00", "17:00")], Special("2024-03-10", "00:00", "00:00"));

        var open = Assert.Single(Open(schedule, Utc(2024, 3, 9, 0, 0), Utc(2024, 3, 12, 0, 0)));

        Assert.Equal(new Interval(Utc(2024, 3, 10, 5, 0), Utc(2024, 3, 11, 4, 0)), open);
        Assert.Equal(Duration.FromHours(23), open.Duration);
    }

    [Fact]
    public void A_special_row_across_the_fall_back_hour_lasts_an_hour_longer()
    {
        // 2024-11-03 01:00 is ambiguous: the earlier, 01:00 EDT = 05:00Z; 03:00 EST = 08:00Z. Three hours for 01:00–03:00.
        var schedule = Schedule("America/New_York", [Row(IsoDayOfWeek.Sunday, "09:00", "17:00")], Special("2024-11-03", "01:00", "03:00"));

        Assert.Equal(
            [new Interval(Utc(2024, 11, 3, 5, 0), Utc(2024, 11, 3, 8, 0))],
            Open(schedule, Utc(2024, 11, 2, 0, 0), Utc(2024, 11, 4, 0, 0)));
    }

    [Fact]
    public void A_store_without_weekly_rows_is_open_all_day_except_what_its_special_rows_replace()
    {
        // Open 24×7 but closed on Christmas Day, New York time: 2024-12-25 00:00 EST = 05:00Z to 2024-12-26 05:00Z.
        var schedule = Schedule("America/New_York", [], Closed("2024-12-25"));

        Assert.False(schedule.IsAlwaysOpen);
        Assert.Equal(
            [new Interval(Utc(2024, 12, 24, 0, 0), Utc(2024, 12, 25, 5, 0)), new Interval(Utc(2024, 12, 26, 5, 0), Utc(2024, 12, 28, 0, 0))],
            Open(schedule, Utc(2024, 12, 24, 0, 0), Utc(2024, 12, 28, 0, 0)));
    }

    [Fact]
    public void A_store_without_weekly_rows_opens_only_its_special_rows_on_their_date()
    {
        // Christmas Eve 10:00–14:00 EST = 15:00Z–19:00Z; the whole days before and after are open.
        var schedule = Schedule("America/New_York", [], Special("2024-12-24", "10:00", "14:00"));

        Assert.Equal(
            [
                new Interval(Utc(2024, 12, 23, 0, 0), Utc(2024, 12, 24, 5, 0)),
                new Interval(Utc(2024, 12, 24, 15, 0), Utc(2024, 12, 24, 19, 0)),
                new Interval(Utc(2024, 12, 25, 5, 0), Utc(2024, 12, 26, 0, 0)),
            ],
            Open(schedule, Utc(2024, 12, 23, 0, 0), Utc(2024, 12, 26, 0, 0)));
    }

    [Fact]
    public void A_store_without_weekly_rows_stays_open_across_a_dst_change_around_its_special_date()
    {
        // Whole days meet at the same local midnight, so the 23-hour spring day joins its neighbours; only 03-12 is closed
        // (00:00 EDT = 04:00Z to 03-13 04:00Z).
        var schedule = Schedule("America/New_York", [], Closed("2024-03-12"));

        Assert.Equal(
            [new Interval(Utc(2024, 3, 9, 0, 0), Utc(2024, 3, 12, 4, 0)), new Interval(Utc(2024, 3, 13, 4, 0), Utc(2024, 3, 14, 0, 0))],
            Open(schedule, Utc(2024, 3, 9, 0, 0), Utc(2024, 3, 14, 0, 0)));
    }

    [Fact]
    public void Without_any_rows_the_store_is_always_open()
    {
        Assert.True(Schedule("UTC", [], []).IsAlwaysOpen);
    }

    [Fact]
    public void Special_rows_outside_the_span_change_nothing_in_it()
    {
        var weekly = EveryDay("09:00", "02:00");
        var plain = Schedule("America/New_York", weekly);
        var special = Schedule("America/New_York", weekly, Closed("2024-01-01"), Special("2024-12-25", "10:00", "11:00"));

        Assert.Equal(Open(plain, Utc(2024, 3, 1, 0, 0), Utc(2024, 11, 30, 0, 0)), Open(special, Utc(2024, 3, 1, 0, 0), Utc(2024, 11, 30, 0, 0)));
    }

    [Fact]
    public void A_poll_on_a_closed_date_is_outside_business_hours()
    {
        var schedule = Schedule("UTC", EveryDay("09:00", "17:00"), Closed("2024-12-25"));

        Assert.False(schedule.IsOpen(Utc(2024, 12, 25, 12, 0)));
        Assert.True(schedule.IsOpen(Utc(2024, 12, 26, 12, 0)));
    }
}
