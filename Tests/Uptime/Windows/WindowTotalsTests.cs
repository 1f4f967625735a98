using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime.Windows;

/// <summary>
/// Report windows (SPEC R10, docs/REPORTS.md#windows) on small stores, every figure worked out by hand in a comment:
/// each window kind, named ranges across both DST transitions, a range with no business time, ranges outside the data.
/// </summary>
public class WindowTotalsTests
{
    // Monday 2024-01-08 12:00Z.
    private static readonly Instant Now = Utc(2024, 1, 8, 12, 0);
    private static readonly BusinessSchedule AlwaysOpen = Schedule("UTC");

    [Fact]
    public void Every_fixed_window_is_its_span_before_now()
    {
        // One active poll 200 days back: every instant of every window is up, and each window is all business time.
        var polls = Timeline(Up(Now - Duration.FromDays(200)));

        var totals = Compute(polls, AlwaysOpen, Now, UptimeWindow.Hour, UptimeWindow.Day, UptimeWindow.Week, UptimeWindow.Month, UptimeWindow.Quarter);

        Assert.Equal(
            [Duration.FromHours(1), Duration.FromHours(24), Duration.FromHours(168), Duration.FromHours(720), Duration.FromHours(2160)],
            totals.Select(t => t.Up));
        Assert.All(totals, t => Assert.Equal(Duration.Zero, t.Down));
    }

    [Fact]
    public void Month_and_quarter_split_at_the_midpoint_between_polls()
    {
        // Down 100 days back, up 20 days back: midpoint 60 days back. The month (30 days) is all up; the quarter
        // (90 days) is down from 90 to 60 days back (720 h) and up for the last 60 days (1440 h).
        var polls = Timeline(Down(Now - Duration.FromDays(100)), Up(Now - Duration.FromDays(20)));

        var totals = Compute(polls, AlwaysOpen, Now, UptimeWindow.Month, UptimeWindow.Quarter);

        Assert.Equal(new WindowTotals(Duration.FromHours(720), Duration.Zero), totals[0]);
        Assert.Equal(new WindowTotals(Duration.FromHours(1440), Duration.FromHours(720)), totals[1]);
    }

    [Fact]
    public void A_range_across_spring_forward_counts_the_short_night()
    {
        // New York, open 01:00–04:00 local. On Sunday 2024-03-10 clocks go 02:00 EST → 03:00 EDT: the store opens at
        // 01:00 EST = 06:00Z and closes at 04:00 EDT = 08:00Z, 2 h. The range is that UTC day. Up at 06:00Z, down at
        // 07:30Z: midpoint 06:45Z, so up 06:00–06:45 (0.75 h) and down 06:45–08:00 (1.25 h).
        var schedule = Schedule("America/New_York", EveryDay("01:00", "04:00"));
        var polls = Timeline(Up(Utc(2024, 3, 10, 6, 0)), Down(Utc(2024, 3, 10, 7, 30)));
        var range = UptimeWindow.Range("mar10", Utc(2024, 3, 10, 0, 0), Utc(2024, 3, 11, 0, 0));

        var totals = Compute(polls, schedule, Utc(2024, 3, 12, 0, 0), range);

        Assert.Equal(new WindowTotals(Duration.FromMinutes(45), Duration.FromMinutes(75)), totals[0]);
    }

    [Fact]
    public void A_range_across_fall_back_counts_the_long_night()
    {
        // New York, open 01:00–04:00 local. On Sunday 2024-11-03 clocks go 02:00 EDT → 01:00 EST: 01:00 is ambiguous and
        // takes the earlier instant, 01:00 EDT = 05:00Z; 04:00 EST = 09:00Z: 4 h. Up at 05:00Z, down at 08:00Z: midpoint
        // 06:30Z, so up 05:00–06:30 (1.5 h) and down 06:30–09:00 (2.5 h).
        var schedule = Schedule("America/New_York", EveryDay("01:00", "04:00"));
        var polls = Timeline(Up(Utc(2024, 11, 3, 5, 0)), Down(Utc(2024, 11, 3, 8, 0)));
        var range = UptimeWindow.Range("nov3", Utc(2024, 11, 3, 0, 0), Utc(2024, 11, 4, 0, 0));

        var totals = Compute(polls, schedule, Utc(2024, 11, 5, 0, 0), range);

        Assert.Equal(new WindowTotals(Duration.FromMinutes(90), Duration.FromMinutes(150)), totals[0]);
    }

    [Fact]
    public void A_range_where_the_store_is_closed_has_no_business_time_and_no_share()
    {
        // Open Mondays 09:00–12:00 UTC only; the range is Tuesday 2024-01-02.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"));
        var polls = Timeline(Up(Utc(2024, 1, 1, 10, 0)), Down(Utc(2024, 1, 8, 10, 0)));
        var range = UptimeWindow.Range("tuesday", Utc(2024, 1, 2, 0, 0), Utc(2024, 1, 3, 0, 0));

        var totals = Compute(polls, schedule, Now, range);

        Assert.Equal(default, totals[0]);
        Assert.Null(ReportCsv.Percent(totals[0]));
    }

    [Fact]
    public void A_range_before_every_poll_takes_the_first_polls_status()
    {
        // Polls only from 2024-01-05 on; the range is all of 2023-12 (744 h), extrapolated backwards from the first poll.
        var polls = Timeline(Down(Utc(2024, 1, 5, 0, 0)), Up(Utc(2024, 1, 6, 0, 0)));
        var range = UptimeWindow.Range("december", Utc(2023, 12, 1, 0, 0), Utc(2024, 1, 1, 0, 0));

        var totals = Compute(polls, AlwaysOpen, Now, range);

        Assert.Equal(new WindowTotals(Duration.Zero, Duration.FromHours(744)), totals[0]);
    }

    [Fact]
    public void A_range_after_now_takes_the_last_polls_status_and_ignores_later_polls()
    {
        // The last poll at or before now (12:00Z) is up; a down poll after now does not count. The range is the
        // 2 hours from 13:00Z: extrapolated forwards, all up.
        var polls = Timeline(Down(Now - Duration.FromHours(5)), Up(Now - Duration.FromHours(1)), Down(Now + Duration.FromMinutes(30)));
        var range = UptimeWindow.Range("later", Now + Duration.FromHours(1), Now + Duration.FromHours(3));

        var totals = Compute(polls, AlwaysOpen, Now, range);

        Assert.Equal(new WindowTotals(Duration.FromHours(2), Duration.Zero), totals[0]);
    }

    [Fact]
    public void A_range_that_ended_before_now_still_takes_evidence_up_to_now()
    {
        // Down at 00:00Z, up at 10:00Z: midpoint 05:00Z. The range 06:00–08:00Z holds no poll; the later up poll is
        // nearer, so the range is all up (SPEC R10).
        var polls = Timeline(Down(Utc(2024, 1, 8, 0, 0)), Up(Utc(2024, 1, 8, 10, 0)));
        var range = UptimeWindow.Range("morning", Utc(2024, 1, 8, 6, 0), Utc(2024, 1, 8, 8, 0));

        var totals = Compute(polls, AlwaysOpen, Now, range);

        Assert.Equal(new WindowTotals(Duration.FromHours(2), Duration.Zero), totals[0]);
    }

    [Fact]
    public void A_store_without_a_poll_up_to_now_has_zero_totals_in_every_window()
    {
        var polls = Timeline(Up(Now + Duration.FromHours(1)));

        var totals = Compute(polls, AlwaysOpen, Now, UptimeWindow.Quarter, UptimeWindow.Range("jan", Utc(2024, 1, 1, 0, 0), Utc(2024, 2, 1, 0, 0)));

        Assert.All(totals, t => Assert.Equal(default, t));
    }

    [Fact]
    public void Windows_far_apart_are_each_computed_exactly()
    {
        // Always open; down until the midpoint 2023-06-16 00:00Z between the polls, up after. A range in May 2023 (all
        // down, 24 h), the last hour (all up), and a range across the midpoint (12 h down, 12 h up).
        var polls = Timeline(Down(Utc(2023, 6, 1, 0, 0)), Up(Utc(2023, 7, 1, 0, 0)));
        var may = UptimeWindow.Range("may", Utc(2023, 5, 10, 0, 0), Utc(2023, 5, 11, 0, 0));
        var mid = UptimeWindow.Range("mid", Utc(2023, 6, 15, 12, 0), Utc(2023, 6, 16, 12, 0));

        var totals = Compute(polls, AlwaysOpen, Now, may, UptimeWindow.Hour, mid);

        Assert.Equal(new WindowTotals(Duration.Zero, Duration.FromHours(24)), totals[0]);
        Assert.Equal(new WindowTotals(Duration.FromHours(1), Duration.Zero), totals[1]);
        Assert.Equal(new WindowTotals(Duration.FromHours(12), Duration.FromHours(12)), totals[2]);
    }

    [Fact]
    public void More_windows_than_the_engine_holds_are_refused()
    {
        var windows = Enumerable.Range(0, UptimeCalculator.MaxWindows + 1).Select(i => UptimeWindow.Range($"r{i}", Now - Duration.FromHours(i + 1), Now)).ToArray();

        Assert.Throws<ArgumentException>(() => UptimeCalculator.ComputeWindows(Timeline(Up(Now)), AlwaysOpen, Now, windows, new WindowTotals[windows.Length]));
    }

    private static BusinessHoursRow[] EveryDay(string start, string end) =>
        [.. Enum.GetValues<IsoDayOfWeek>().Where(day => day != IsoDayOfWeek.None).Select(day => Row(day, start, end))];

    private static WindowTotals[] Compute(PollTimeline polls, BusinessSchedule schedule, Instant now, params UptimeWindow[] windows)
    {
        var totals = new WindowTotals[windows.Length];
        UptimeCalculator.ComputeWindows(polls, schedule, now, windows, totals);
        return totals;
    }
}
