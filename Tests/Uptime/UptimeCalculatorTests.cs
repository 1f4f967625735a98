using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

/// <summary>Evidence, extrapolation, windows and measures (docs/SEMANTICS.md#evidence, #extrapolation, #windows, #measures) on small hand-checked stores in UTC.</summary>
public class UptimeCalculatorTests
{
    // Monday 2024-01-08 12:00Z; the week window starts Monday 2024-01-01 12:00Z.
    private static readonly Instant Now = Utc(2024, 1, 8, 12, 0);
    private static readonly BusinessSchedule AlwaysOpen = Schedule("UTC");

    [Fact]
    public void Store_without_polls_has_zero_totals()
    {
        Assert.Equal(default, UptimeCalculator.Compute(PollTimeline.Empty, AlwaysOpen, Now));
    }

    [Fact]
    public void Store_whose_only_polls_are_after_now_has_no_poll_and_zero_totals()
    {
        var polls = Timeline(Up(Now + Duration.FromMinutes(1)));

        Assert.False(polls.HasPollAtOrBefore(Now));
        Assert.Equal(default, UptimeCalculator.Compute(polls, AlwaysOpen, Now));
    }

    [Fact]
    public void Single_poll_status_covers_all_business_time()
    {
        var totals = UptimeCalculator.Compute(Timeline(Up(Now - Duration.FromDays(3))), AlwaysOpen, Now);

        Assert.Equal(new UptimeTotals(Duration.FromHours(1), Duration.FromHours(24), Duration.FromHours(168), default, default, default), totals);
    }

    [Fact]
    public void Polls_after_now_are_ignored()
    {
        var polls = Timeline(Up(Now - Duration.FromHours(2)), Down(Now + Duration.FromMinutes(10)));

        Assert.Equal(Duration.FromHours(1), UptimeCalculator.Compute(polls, AlwaysOpen, Now).UpLastHour);
    }

    [Fact]
    public void Poll_exactly_at_now_counts_as_evidence()
    {
        // Up at 10:00, down at 12:00 = now: the midpoint 11:00 splits the last two hours.
        var polls = Timeline(Up(Now - Duration.FromHours(2)), Down(Now));

        var totals = UptimeCalculator.Compute(polls, AlwaysOpen, Now);

        Assert.Equal(Duration.FromHours(1), totals.DownLastHour);
        Assert.Equal(Duration.FromHours(23), totals.UpLastDay);
    }

    [Fact]
    public void Status_changes_at_the_midpoint_between_polls()
    {
        // Up at 11:00, down at 11:40: midpoint 11:20, so the last hour is 20 min up and 40 min down.
        var polls = Timeline(Up(Now - Duration.FromMinutes(60)), Down(Now - Duration.FromMinutes(20)));

        var totals = UptimeCalculator.Compute(polls, AlwaysOpen, Now);

        Assert.Equal((Duration.FromMinutes(20), Duration.FromMinutes(40)), (totals.UpLastHour, totals.DownLastHour));
    }

    [Fact]
    public void First_poll_status_extends_backwards()
    {
        // Only poll: down at 11:30. Everything before it, back to the week start, is down too.
        var totals = UptimeCalculator.Compute(Timeline(Down(Now - Duration.FromMinutes(30))), AlwaysOpen, Now);

        Assert.Equal(Duration.FromHours(168), totals.DownLastWeek);
    }

    [Fact]
    public void Polls_outside_business_hours_are_not_evidence_when_some_poll_is_in_hours()
    {
        // Open Monday 09:00–12:00. Down at 08:59 (closed), up at 10:00 (in hours): the closed poll is ignored.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"));
        var polls = Timeline(Down(Utc(2024, 1, 8, 8, 59)), Up(Utc(2024, 1, 8, 10, 0)));

        var totals = UptimeCalculator.Compute(polls, schedule, Now);

        Assert.Equal((Duration.FromHours(3), Duration.Zero), (totals.UpLastDay, totals.DownLastDay));
    }

    [Fact]
    public void Store_polled_only_outside_hours_uses_all_its_polls()
    {
        // Open Monday 09:00–12:00; polls at 08:00 down and 13:00 up (both closed). Midpoint 10:30.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"));
        var polls = Timeline(Down(Utc(2024, 1, 1, 8, 0)), Up(Utc(2024, 1, 1, 13, 0)));
        var now = Utc(2024, 1, 1, 14, 0);

        var totals = UptimeCalculator.Compute(polls, schedule, now);

        Assert.Equal((Duration.FromMinutes(90), Duration.FromMinutes(90)), (totals.UpLastDay, totals.DownLastDay));
    }

    [Fact]
    public void In_hours_poll_long_before_the_week_still_decides_evidence()
    {
        // Open Mondays 09:00–12:00. An in-hours poll a month ago (up) means the closed-hours poll (down) this
        // week is not evidence, so the whole week's business time is up.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"));
        var polls = Timeline(Up(Utc(2023, 12, 4, 10, 0)), Down(Utc(2024, 1, 8, 8, 0)));

        var totals = UptimeCalculator.Compute(polls, schedule, Now);

        Assert.Equal((Duration.FromHours(3), Duration.Zero), (totals.UpLastWeek, totals.DownLastWeek));
    }

    [Fact]
    public void Closed_hours_poll_before_now_is_ignored_when_an_in_hours_poll_is_at_now()
    {
        // Poll exactly at now in hours (down) decides the evidence; the earlier closed-hours up poll is ignored.
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "13:00"));
        var polls = Timeline(Up(Utc(2024, 1, 8, 8, 0)), Down(Now));

        var totals = UptimeCalculator.Compute(polls, schedule, Now);

        Assert.Equal((Duration.Zero, Duration.FromHours(3)), (totals.UpLastDay, totals.DownLastDay));
    }

    [Fact]
    public void Duplicate_polls_with_conflicting_status_count_as_inactive()
    {
        var at = Now - Duration.FromMinutes(30);
        var polls = Timeline(Up(at), Down(at), Up(at));

        var totals = UptimeCalculator.Compute(polls, AlwaysOpen, Now);

        Assert.Equal((Duration.Zero, Duration.FromHours(1)), (totals.UpLastHour, totals.DownLastHour));
    }

    [Fact]
    public void Windows_are_fixed_durations_across_a_DST_change()
    {
        // New York springs forward on 2024-03-10: the last day is still 24 hours of always-open time.
        var now = Utc(2024, 3, 10, 12, 0);
        var totals = UptimeCalculator.Compute(Timeline(Up(now - Duration.FromHours(30))), Schedule("America/New_York"), now);

        Assert.Equal(Duration.FromHours(24), totals.UpLastDay);
    }

    [Fact]
    public void Business_time_in_a_window_counts_only_open_hours()
    {
        // Open every day 09:00–17:00; now Monday 12:00: last day = Sunday 12:00–17:00 and Monday 09:00–12:00 = 8 h.
        var rows = Enumerable.Range(1, 7).Select(day => Row((IsoDayOfWeek)day, "09:00", "17:00")).ToArray();
        var totals = UptimeCalculator.Compute(Timeline(Up(Utc(2024, 1, 8, 10, 0))), Schedule("UTC", rows), Now);

        Assert.Equal(Duration.FromHours(8), totals.UpLastDay);
        Assert.Equal(Duration.FromHours(56), totals.UpLastWeek);
    }
}
