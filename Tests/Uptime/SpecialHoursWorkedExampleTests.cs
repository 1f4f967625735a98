using System.Text;
using NodaTime;
using StoreMonitor.Engine;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// The special hours worked example of docs/SEMANTICS.md, number by number: open 09:00–17:00 UTC every day, Christmas
/// Eve 09:00–13:00 only, closed on Christmas Day; polls 2024-12-23 12:00 active, 2024-12-24 11:00 inactive,
/// 2024-12-25 12:00 inactive; now 2024-12-25 12:00.
/// </summary>
public class SpecialHoursWorkedExampleTests
{
    private static readonly BusinessSchedule Weekly = Schedule("UTC", EveryDay("09:00", "17:00"));
    private static readonly BusinessSchedule WithSpecialHours = Schedule("UTC", EveryDay("09:00", "17:00"), Special("2024-12-24", "09:00", "13:00"), Closed("2024-12-25"));
    private static readonly PollTimeline Polls = Timeline(Up(Utc(2024, 12, 23, 12, 0)), Down(Utc(2024, 12, 24, 11, 0)), Down(Utc(2024, 12, 25, 12, 0)));
    private static readonly Instant Now = Utc(2024, 12, 25, 12, 0);

    private static string Row(BusinessSchedule schedule)
    {
        var csv = new StringBuilder();
        ReportCsv.AppendRow(csv, "S", UptimeCalculator.Compute(Polls, schedule, Now));
        return csv.ToString();
    }

    [Fact]
    public void The_christmas_poll_is_outside_business_hours_so_it_is_no_evidence()
    {
        Assert.False(WithSpecialHours.IsOpen(Utc(2024, 12, 25, 12, 0)));
        Assert.True(Weekly.IsOpen(Utc(2024, 12, 25, 12, 0)));
    }

    [Fact]
    public void The_week_has_49_hours_of_business_time_split_at_the_midpoint_23_30_on_the_23rd()
    {
        var totals = UptimeCalculator.Compute(Polls, WithSpecialHours, Now);

        // 18th 12:00–17:00 (5 h), 19th–23rd 8 h each (40 h): before 2024-12-23 23:30, up. 24th 09:00–13:00 (4 h): down.
        Assert.Equal(Duration.FromHours(45), totals.UpLastWeek);
        Assert.Equal(Duration.FromHours(4), totals.DownLastWeek);
        // Last day from 24th 12:00: only 12:00–13:00 is open. Last hour (25th 11:00–12:00): closed.
        Assert.Equal(Duration.FromHours(1), totals.DownLastDay);
        Assert.Equal(Duration.Zero, totals.UpLastDay + totals.UpLastHour + totals.DownLastHour);
    }

    [Fact]
    public void Report_row_with_special_hours_shows_no_christmas_downtime() =>
        Assert.Equal("S,0.00,0.00,45.00,0.00,1.00,4.00\n", Row(WithSpecialHours));

    [Fact]
    public void Report_row_without_them_counts_christmas_eve_afternoon_and_christmas_morning_as_down() =>
        Assert.Equal("S,0.00,0.00,45.00,60.00,8.00,11.00\n", Row(Weekly));
}
