using NodaTime;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// Hours that cross DST transitions: a local time in a gap moves forward by the gap, an ambiguous one takes the
/// earlier instant. Expected instants are worked out by hand in the comments.
/// </summary>
public class BusinessScheduleDstTests
{
    private static IReadOnlyList<Interval> Sunday(string zone, string start, string end, int year, int month, int day) =>
        Schedule(zone, Row(IsoDayOfWeek.Sunday, start, end))
            .OpenIntervals(Utc(year, month, day, 0, 0) - Duration.FromDays(1), Utc(year, month, day, 0, 0) + Duration.FromDays(2));

    [Fact]
    public void New_York_spring_forward_01_30_to_03_30_lasts_one_hour()
    {
        // 2024-03-10 02:00 EST → 03:00 EDT. 01:30 EST = 06:30Z; 03:30 EDT = 07:30Z.
        Assert.Equal([new Interval(Utc(2024, 3, 10, 6, 30), Utc(2024, 3, 10, 7, 30))], Sunday("America/New_York", "01:30", "03:30", 2024, 3, 10));
    }

    [Fact]
    public void New_York_spring_forward_opening_in_the_gap_moves_forward_by_the_gap()
    {
        // 02:30 does not exist: it becomes 03:30 EDT = 07:30Z; 04:00 EDT = 08:00Z.
        Assert.Equal([new Interval(Utc(2024, 3, 10, 7, 30), Utc(2024, 3, 10, 8, 0))], Sunday("America/New_York", "02:30", "04:00", 2024, 3, 10));
    }

    [Fact]
    public void New_York_spring_forward_row_inside_the_gap_moves_forward_whole()
    {
        // Both ends shift by the one-hour gap: 02:00 → 03:00 EDT = 07:00Z, 02:45 → 03:45 EDT = 07:45Z.
        Assert.Equal([new Interval(Utc(2024, 3, 10, 7, 0), Utc(2024, 3, 10, 7, 45))], Sunday("America/New_York", "02:00", "02:45", 2024, 3, 10));
    }

    [Fact]
    public void New_York_spring_forward_closing_in_the_gap_before_an_opening_after_it_is_closed()
    {
        // Opening 02:30 → 07:30Z, closing 03:15 EDT = 07:15Z: the close is before the open, so no business time.
        Assert.Empty(Sunday("America/New_York", "02:30", "03:15", 2024, 3, 10));
    }

    [Fact]
    public void New_York_spring_forward_day_open_24_hours_lasts_23_hours()
    {
        // Sunday 00:00 EST = 05:00Z to Monday 00:00 EDT = 04:00Z.
        Assert.Equal([new Interval(Utc(2024, 3, 10, 5, 0), Utc(2024, 3, 11, 4, 0))], Sunday("America/New_York", "00:00", "00:00", 2024, 3, 10));
    }

    [Fact]
    public void New_York_fall_back_01_00_to_02_00_lasts_two_hours()
    {
        // 2024-11-03 02:00 EDT → 01:00 EST. 01:00 is ambiguous: earlier = 01:00 EDT = 05:00Z; 02:00 EST = 07:00Z.
        Assert.Equal([new Interval(Utc(2024, 11, 3, 5, 0), Utc(2024, 11, 3, 7, 0))], Sunday("America/New_York", "01:00", "02:00", 2024, 11, 3));
    }

    [Fact]
    public void New_York_fall_back_row_inside_the_overlap_takes_the_first_pass()
    {
        // 01:30 and 01:45 both EDT: 05:30Z–05:45Z.
        Assert.Equal([new Interval(Utc(2024, 11, 3, 5, 30), Utc(2024, 11, 3, 5, 45))], Sunday("America/New_York", "01:30", "01:45", 2024, 11, 3));
    }

    [Fact]
    public void New_York_fall_back_day_open_24_hours_lasts_25_hours()
    {
        // Sunday 00:00 EDT = 04:00Z to Monday 00:00 EST = 05:00Z.
        Assert.Equal([new Interval(Utc(2024, 11, 3, 4, 0), Utc(2024, 11, 4, 5, 0))], Sunday("America/New_York", "00:00", "00:00", 2024, 11, 3));
    }

    [Fact]
    public void Chicago_spring_forward_01_30_to_03_30_lasts_one_hour()
    {
        // 2024-03-10 02:00 CST → 03:00 CDT. 01:30 CST = 07:30Z; 03:30 CDT = 08:30Z.
        Assert.Equal([new Interval(Utc(2024, 3, 10, 7, 30), Utc(2024, 3, 10, 8, 30))], Sunday("America/Chicago", "01:30", "03:30", 2024, 3, 10));
    }

    [Fact]
    public void Chicago_fall_back_01_00_to_02_00_lasts_two_hours()
    {
        // 2024-11-03 02:00 CDT → 01:00 CST. 01:00 CDT = 06:00Z; 02:00 CST = 08:00Z.
        Assert.Equal([new Interval(Utc(2024, 11, 3, 6, 0), Utc(2024, 11, 3, 8, 0))], Sunday("America/Chicago", "01:00", "02:00", 2024, 11, 3));
    }

    [Fact]
    public void Chicago_fall_back_overnight_row_crossing_the_overlap()
    {
        // Saturday 22:00 CDT = 03:00Z Sunday; to Sunday 01:30, ambiguous → earlier, 01:30 CDT = 06:30Z.
        var schedule = Schedule("America/Chicago", Row(IsoDayOfWeek.Saturday, "22:00", "01:30"));

        Assert.Equal(
            [new Interval(Utc(2024, 11, 3, 3, 0), Utc(2024, 11, 3, 6, 30))],
            schedule.OpenIntervals(Utc(2024, 11, 2, 0, 0), Utc(2024, 11, 4, 0, 0)));
    }

    [Fact]
    public void Lord_Howe_half_hour_spring_forward_01_00_to_03_00_lasts_90_minutes()
    {
        // 2024-10-06 02:00 +10:30 → 02:30 +11. 01:00 +10:30 = 2024-10-05 14:30Z; 03:00 +11 = 16:00Z.
        Assert.Equal(
            [new Interval(Utc(2024, 10, 5, 14, 30), Utc(2024, 10, 5, 16, 0))],
            Sunday("Australia/Lord_Howe", "01:00", "03:00", 2024, 10, 6));
    }

    [Fact]
    public void Lord_Howe_row_inside_the_half_hour_gap_shrinks_to_nothing()
    {
        // 02:00 → 02:30 +11 = 15:30Z; 02:30 exists, +11 = 15:30Z. Empty.
        Assert.Empty(Sunday("Australia/Lord_Howe", "02:00", "02:30", 2024, 10, 6));
    }

    [Fact]
    public void Lord_Howe_half_hour_fall_back_01_00_to_03_00_lasts_two_and_a_half_hours()
    {
        // 2024-04-07 02:00 +11 → 01:30 +10:30. 01:00 +11 = 2024-04-06 14:00Z; 03:00 +10:30 = 16:30Z.
        Assert.Equal(
            [new Interval(Utc(2024, 4, 6, 14, 0), Utc(2024, 4, 6, 16, 30))],
            Sunday("Australia/Lord_Howe", "01:00", "03:00", 2024, 4, 7));
    }

    [Fact]
    public void Lord_Howe_ambiguous_01_45_takes_the_earlier_instant()
    {
        // 01:45 happens at +11 (14:45Z) and again at +10:30 (15:15Z); the earlier is taken.
        var schedule = Schedule("Australia/Lord_Howe", Row(IsoDayOfWeek.Sunday, "01:45", "01:50"));

        Assert.Equal(
            [new Interval(Utc(2024, 4, 6, 14, 45), Utc(2024, 4, 6, 14, 50))],
            schedule.OpenIntervals(Utc(2024, 4, 6, 0, 0), Utc(2024, 4, 7, 0, 0)));
    }

    [Fact]
    public void St_Johns_spring_forward_01_30_to_03_30_lasts_one_hour()
    {
        // 2024-03-10 02:00 −03:30 → 03:00 −02:30. 01:30 −03:30 = 05:00Z; 03:30 −02:30 = 06:00Z.
        Assert.Equal([new Interval(Utc(2024, 3, 10, 5, 0), Utc(2024, 3, 10, 6, 0))], Sunday("America/St_Johns", "01:30", "03:30", 2024, 3, 10));
    }

    [Fact]
    public void IsOpen_agrees_with_OpenIntervals_around_a_transition()
    {
        var schedule = Schedule("America/New_York", Row(IsoDayOfWeek.Sunday, "01:30", "03:30"));

        Assert.False(schedule.IsOpen(Utc(2024, 3, 10, 6, 29)));
        Assert.True(schedule.IsOpen(Utc(2024, 3, 10, 6, 30)));
        Assert.True(schedule.IsOpen(Utc(2024, 3, 10, 7, 29)));
        Assert.False(schedule.IsOpen(Utc(2024, 3, 10, 7, 30)));
    }
}
