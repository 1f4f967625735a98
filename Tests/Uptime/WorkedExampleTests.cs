using System.Text;
using NodaTime;
using StoreMonitor.Engine;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

/// <summary>The worked example of the documentation, number by number.</summary>
public class WorkedExampleTests
{
    // 2024-01-01 is a Monday. Open 09:00–12:00 UTC; polls 10:14 active, 11:15 inactive; now 12:00.
    private static readonly BusinessSchedule Schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"));
    private static readonly PollTimeline Polls = Timeline(Up(Utc(2024, 1, 1, 10, 14)), Down(Utc(2024, 1, 1, 11, 15)));
    private static readonly Instant Now = Utc(2024, 1, 1, 12, 0);

    [Fact]
    public void Last_hour_is_all_down_because_the_midpoint_is_before_it()
    {
        var totals = UptimeCalculator.Compute(Polls, Schedule, Now);

        Assert.Equal(Duration.Zero, totals.UpLastHour);
        Assert.Equal(Duration.FromMinutes(60), totals.DownLastHour);
    }

    [Fact]
    public void Last_day_splits_at_the_midpoint_10_44_30()
    {
        var totals = UptimeCalculator.Compute(Polls, Schedule, Now);

        // Up 09:00–10:44:30 = 1 h 44 min 30 s; down 10:44:30–12:00 = 1 h 15 min 30 s.
        Assert.Equal(Duration.FromSeconds((1 * 3600) + (44 * 60) + 30), totals.UpLastDay);
        Assert.Equal(Duration.FromSeconds((1 * 3600) + (15 * 60) + 30), totals.DownLastDay);
    }

    [Fact]
    public void Last_week_equals_last_day_as_the_store_opened_once()
    {
        var totals = UptimeCalculator.Compute(Polls, Schedule, Now);

        Assert.Equal(totals.UpLastDay, totals.UpLastWeek);
        Assert.Equal(totals.DownLastDay, totals.DownLastWeek);
    }

    [Fact]
    public void Report_row_rounds_1_7416_to_1_74_and_1_2583_to_1_26()
    {
        var csv = new StringBuilder();

        ReportCsv.AppendRow(csv, "store-1", UptimeCalculator.Compute(Polls, Schedule, Now));

        Assert.Equal("store-1,0.00,1.74,1.74,60.00,1.26,1.26\n", csv.ToString());
    }
}
