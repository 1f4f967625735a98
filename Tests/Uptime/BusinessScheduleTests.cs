using NodaTime;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

/// <summary>Business hours rules (docs/SEMANTICS.md#business-hours) in a zone without DST, so every expectation is plain arithmetic.</summary>
public class BusinessScheduleTests
{
    // 2024-01-01 is a Monday; the week below runs Monday 2024-01-01 to Monday 2024-01-08.
    private static readonly Instant WeekStart = Utc(2024, 1, 1, 0, 0);
    private static readonly Instant WeekEnd = Utc(2024, 1, 8, 0, 0);

    [Fact]
    public void No_rows_means_open_all_week()
    {
        var schedule = Schedule("UTC");

        Assert.True(schedule.IsAlwaysOpen);
        Assert.Equal([new Interval(WeekStart, WeekEnd)], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void A_row_opens_on_its_weekday_only()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Tuesday, "09:00", "17:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 2, 9, 0), Utc(2024, 1, 2, 17, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Weekdays_without_rows_are_closed()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Tuesday, "09:00", "17:00"));

        Assert.False(schedule.IsAlwaysOpen);
        Assert.False(schedule.IsOpen(Utc(2024, 1, 3, 12, 0)));
    }

    [Fact]
    public void Intervals_are_half_open()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "17:00"));

        Assert.True(schedule.IsOpen(Utc(2024, 1, 1, 9, 0)));
        Assert.False(schedule.IsOpen(Utc(2024, 1, 1, 17, 0)));
        Assert.False(schedule.IsOpen(Utc(2024, 1, 1, 9, 0) - Duration.Epsilon));
    }

    [Fact]
    public void Overnight_row_closes_on_the_next_date()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Friday, "22:00", "02:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 5, 22, 0), Utc(2024, 1, 6, 2, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Overnight_row_of_the_day_before_the_span_reaches_into_it()
    {
        // Sunday 2023-12-31 22:00 to Monday 02:00: the span starts Monday 00:00.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Sunday, "22:00", "02:00"));

        Assert.Equal(
            [new Interval(WeekStart, Utc(2024, 1, 1, 2, 0)), new Interval(Utc(2024, 1, 7, 22, 0), WeekEnd)],
            schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void End_equal_to_start_is_open_24_hours()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Wednesday, "06:00", "06:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 3, 6, 0), Utc(2024, 1, 4, 6, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void End_24_00_closes_at_the_next_midnight()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Wednesday, "18:00", "24:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 3, 18, 0), Utc(2024, 1, 4, 0, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Midnight_to_24_00_is_the_whole_day()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Thursday, "00:00", "24:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 4, 0, 0), Utc(2024, 1, 5, 0, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Split_shift_gives_two_intervals()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "11:00", "14:00"), Row(IsoDayOfWeek.Monday, "17:00", "22:00"));

        Assert.Equal(
            [new Interval(Utc(2024, 1, 1, 11, 0), Utc(2024, 1, 1, 14, 0)), new Interval(Utc(2024, 1, 1, 17, 0), Utc(2024, 1, 1, 22, 0))],
            schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Overlapping_rows_merge_into_their_union()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "13:00"), Row(IsoDayOfWeek.Monday, "12:00", "18:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 18, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Touching_rows_merge_across_midnight()
    {
        // Monday 20:00–24:00 and Tuesday 00:00–04:00 are one opening.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "20:00", "24:00"), Row(IsoDayOfWeek.Tuesday, "00:00", "04:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 1, 20, 0), Utc(2024, 1, 2, 4, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Overnight_row_overlapping_the_next_days_row_merges()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "18:00", "03:00"), Row(IsoDayOfWeek.Tuesday, "01:00", "10:00"));

        Assert.Equal([new Interval(Utc(2024, 1, 1, 18, 0), Utc(2024, 1, 2, 10, 0))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Partial_week_sums_only_its_days()
    {
        var schedule = Schedule(
            "UTC",
            Row(IsoDayOfWeek.Monday, "09:00", "17:00"),
            Row(IsoDayOfWeek.Wednesday, "09:00", "17:00"),
            Row(IsoDayOfWeek.Saturday, "10:00", "14:00"));

        Assert.Equal(Duration.FromHours(20), TotalLength(schedule.OpenIntervals(WeekStart, WeekEnd)));
    }

    [Fact]
    public void Seven_24_hour_rows_cover_the_week_as_one_interval()
    {
        var rows = Enumerable.Range(1, 7).Select(day => Row((IsoDayOfWeek)day, "00:00", "00:00")).ToArray();

        Assert.Equal([new Interval(WeekStart, WeekEnd)], Schedule("UTC", rows).OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void Intervals_are_clipped_to_the_span()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "17:00"));

        Assert.Equal(
            [new Interval(Utc(2024, 1, 1, 10, 0), Utc(2024, 1, 1, 11, 0))],
            schedule.OpenIntervals(Utc(2024, 1, 1, 10, 0), Utc(2024, 1, 1, 11, 0)));
    }

    [Fact]
    public void Sub_second_times_are_kept_exactly()
    {
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00:00.000001", "09:00:00.000003"));

        Assert.Equal(Duration.FromNanoseconds(2000), TotalLength(schedule.OpenIntervals(WeekStart, WeekEnd)));
    }

    [Fact]
    public void Asia_Kolkata_hours_shift_by_five_and_a_half_hours()
    {
        var schedule = Schedule("Asia/Kolkata", Row(IsoDayOfWeek.Monday, "09:00", "17:00"));

        // 09:00 +05:30 = 03:30Z, 17:00 +05:30 = 11:30Z.
        Assert.Equal([new Interval(Utc(2024, 1, 1, 3, 30), Utc(2024, 1, 1, 11, 30))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void America_St_Johns_hours_shift_by_minus_three_and_a_half_hours()
    {
        var schedule = Schedule("America/St_Johns", Row(IsoDayOfWeek.Monday, "09:00", "17:00"));

        // January is standard time, −03:30: 09:00 = 12:30Z, 17:00 = 20:30Z.
        Assert.Equal([new Interval(Utc(2024, 1, 1, 12, 30), Utc(2024, 1, 1, 20, 30))], schedule.OpenIntervals(WeekStart, WeekEnd));
    }

    [Fact]
    public void A_local_day_in_a_positive_zone_starts_on_the_previous_UTC_date()
    {
        // Monday 00:00–02:00 in +05:30 is Sunday 18:30Z–20:30Z: seen from a UTC span that ends Monday 00:00Z.
        var schedule = Schedule("Asia/Kolkata", Row(IsoDayOfWeek.Monday, "00:00", "02:00"));

        Assert.Equal(
            [new Interval(Utc(2023, 12, 31, 18, 30), Utc(2023, 12, 31, 20, 30))],
            schedule.OpenIntervals(Utc(2023, 12, 31, 0, 0), WeekStart));
    }
}
