using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Live;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// The live rules (docs/LIVE.md#rules) on hand-worked cases: every expected change and instant is worked out in the
/// comments. 2024-06-03 is a Monday.
/// </summary>
public sealed class StatusEventsTests
{
    private static readonly Duration TwoHours = Duration.FromHours(2);
    private static readonly BusinessSchedule NineToFive = Schedule("UTC", EveryDay("09:00", "17:00"));

    [Fact]
    public void An_inactive_poll_in_hours_is_down_and_the_next_active_one_is_up()
    {
        var polls = Timeline(Up(Mon(10)), Down(Mon(11)), Down(Mon(12)), Up(Mon(13)));

        // 11:00 stops the store being up; 12:00 says nothing new; 13:00 ends the spell that began at 11:00.
        Assert.Equal([DownAt(Mon(11), Mon(11)), UpAt(Mon(13), Mon(11))], Changes(NineToFive, polls));
    }

    [Fact]
    public void A_first_poll_in_hours_that_is_inactive_is_down_and_one_that_is_active_is_no_change()
    {
        Assert.Equal([DownAt(Mon(10), Mon(10))], Changes(NineToFive, Timeline(Down(Mon(10)))));
        Assert.Empty(Changes(NineToFive, Timeline(Up(Mon(10)))));
    }

    [Fact]
    public void Polls_outside_business_hours_change_nothing_and_keep_the_status()
    {
        // Down at Monday 10:00. The evening's and the early morning's active polls are outside 09:00-17:00: no up, and
        // Tuesday 10:00 (inactive) is still the same spell. Tuesday 11:00 ends it. A store that is down never falls silent.
        var polls = Timeline(Down(Mon(10)), Up(Mon(20)), Up(Tue(8)), Down(Tue(10)), Up(Tue(11)));

        Assert.Equal([DownAt(Mon(10), Mon(10)), UpAt(Tue(11), Mon(10))], Changes(NineToFive, polls, asOf: Tue(12)));
    }

    [Fact]
    public void Overnight_hours_count_the_small_hours_as_the_evening_before()
    {
        // America/Chicago in June is UTC-5. Friday 22:00-02:00 local is Saturday 03:00Z-07:00Z.
        // Friday 23:00 local (04:00Z) up; Saturday 01:00 local (06:00Z) down, inside Friday's opening; Saturday 03:00 local
        // (08:00Z) active but closed: no up. The next Friday 22:30 local (Saturday 14th 03:30Z) ends the spell.
        var schedule = Schedule("America/Chicago", Row(IsoDayOfWeek.Friday, "22:00", "02:00"));
        var polls = Timeline(Up(Utc(2024, 6, 8, 4, 0)), Down(Utc(2024, 6, 8, 6, 0)), Up(Utc(2024, 6, 8, 8, 0)), Up(Utc(2024, 6, 15, 3, 30)));

        Assert.Equal(
            [DownAt(Utc(2024, 6, 8, 6, 0), Utc(2024, 6, 8, 6, 0)), UpAt(Utc(2024, 6, 15, 3, 30), Utc(2024, 6, 8, 6, 0))],
            Changes(schedule, polls));
    }

    [Fact]
    public void Fall_back_hour_that_happens_twice_is_open_twice_and_silence_counts_in_it()
    {
        // New York, 2024-11-03: Sunday 01:00-02:00 lasts 05:00Z (01:00 EDT) to 07:00Z (02:00 EST). Silent after 30 min.
        // 05:05Z up; nothing by 05:35Z (01:35 EDT, open): silent, the last poll 05:05Z. 06:30Z is 01:30 EST, the second
        // pass, still open: down, not up since 05:05Z. 07:10Z is 02:10 EST: closed, no change.
        var schedule = Schedule("America/New_York", Row(IsoDayOfWeek.Sunday, "01:00", "02:00"));
        var polls = Timeline(Up(Utc(2024, 11, 3, 5, 5)), Down(Utc(2024, 11, 3, 6, 30)), Up(Utc(2024, 11, 3, 7, 10)));

        Assert.Equal(
            [SilentAt(Utc(2024, 11, 3, 5, 35), Utc(2024, 11, 3, 5, 5)), DownAt(Utc(2024, 11, 3, 6, 30), Utc(2024, 11, 3, 5, 5))],
            Changes(schedule, polls, asOf: Utc(2024, 11, 3, 7, 30), silentAfter: Duration.FromMinutes(30)));
    }

    [Fact]
    public void Spring_forward_hours_shrink_and_the_next_week_opens_in_summer_time()
    {
        // New York, 2024-03-10: Sunday 01:30-03:30 lasts 06:30Z (01:30 EST) to 07:30Z (03:30 EDT). 06:40Z (01:40 EST) down,
        // 07:20Z (03:20 EDT) up, 07:40Z (03:40 EDT) closed: no change, but a poll. Silent two hours after it (09:40Z), at the
        // next opening: Sunday 2024-03-17 01:30 EDT = 05:30Z.
        var schedule = Schedule("America/New_York", Row(IsoDayOfWeek.Sunday, "01:30", "03:30"));
        var polls = Timeline(Down(Utc(2024, 3, 10, 6, 40)), Up(Utc(2024, 3, 10, 7, 20)), Down(Utc(2024, 3, 10, 7, 40)));

        Assert.Equal(
            [DownAt(Utc(2024, 3, 10, 6, 40), Utc(2024, 3, 10, 6, 40)), UpAt(Utc(2024, 3, 10, 7, 20), Utc(2024, 3, 10, 6, 40)), SilentAt(Utc(2024, 3, 17, 5, 30), Utc(2024, 3, 10, 7, 40))],
            Changes(schedule, polls, asOf: Utc(2024, 3, 18, 0, 0)));
    }

    [Fact]
    public void Silence_begins_at_the_last_poll_plus_the_threshold_when_the_store_is_open_then()
    {
        var polls = Timeline(Up(Mon(10)));

        var before = StatusEvents.ConditionAt(polls, NineToFive, TwoHours, Mon(11, 59));
        var at = Changes(NineToFive, polls, asOf: Mon(12));

        Assert.Equal(new LiveCondition(StoreCondition.Up, null, null, Mon(10), Mon(12)), before);
        Assert.Equal([SilentAt(Mon(12), Mon(10))], at);
    }

    [Fact]
    public void Silence_that_would_begin_while_closed_begins_at_the_next_opening()
    {
        // 16:30 + 2 h = 18:30, closed: the first open instant after it is Tuesday 09:00. An evening poll outside hours is a
        // poll all the same: it moves the threshold to 22:00, still closed, so the silence still begins at 09:00.
        Assert.Equal([SilentAt(Tue(9), Mon(16, 30))], Changes(NineToFive, Timeline(Up(Mon(16, 30))), asOf: Tue(10)));
        Assert.Equal([SilentAt(Tue(9), Mon(20))], Changes(NineToFive, Timeline(Up(Mon(16, 30)), Up(Mon(20))), asOf: Tue(10)));
    }

    [Fact]
    public void A_poll_before_the_threshold_keeps_the_store_from_falling_silent()
    {
        var condition = StatusEvents.ConditionAt(Timeline(Up(Mon(10)), Up(Mon(11, 30))), NineToFive, TwoHours, Mon(13));

        Assert.Equal(new LiveCondition(StoreCondition.Up, null, null, Mon(11, 30), Mon(13, 30)), condition);
    }

    [Fact]
    public void After_a_silence_an_inactive_poll_is_down_since_the_poll_before_the_silence_and_an_active_one_is_up()
    {
        Assert.Equal([SilentAt(Mon(12), Mon(10)), DownAt(Mon(13), Mon(10))], Changes(NineToFive, Timeline(Up(Mon(10)), Down(Mon(13)))));
        Assert.Equal([SilentAt(Mon(12), Mon(10)), UpAt(Mon(13), Mon(10))], Changes(NineToFive, Timeline(Up(Mon(10)), Up(Mon(13)))));
    }

    [Fact]
    public void A_store_that_is_down_stays_down_when_its_polls_stop()
    {
        var polls = Timeline(Down(Mon(10)));

        var changes = Changes(NineToFive, polls, asOf: Mon(18));
        var condition = StatusEvents.ConditionAt(polls, NineToFive, TwoHours, Mon(18));

        Assert.Equal([DownAt(Mon(10), Mon(10))], changes);
        Assert.Equal(new LiveCondition(StoreCondition.Down, Mon(10), Mon(10), Mon(10), null), condition);
    }

    [Fact]
    public void A_store_never_polled_in_hours_falls_silent_too()
    {
        // Only an evening poll: nothing is known in hours, but the store went unpolled from 22:00 and opened at 09:00.
        var polls = Timeline(Up(Mon(20)), Up(Tue(9, 30)));

        Assert.Equal([SilentAt(Tue(9), Mon(20)), UpAt(Tue(9, 30), Mon(20))], Changes(NineToFive, polls));
    }

    [Fact]
    public void Deriving_after_the_latest_poll_finds_nothing_so_a_replay_emits_nothing()
    {
        var polls = Timeline(Up(Mon(10)), Down(Mon(11)), Up(Mon(13)));

        Assert.Empty(Changes(NineToFive, polls, after: Mon(13), asOf: Mon(13)));
    }

    [Fact]
    public void A_late_poll_moves_a_down_earlier()
    {
        // Before: up at 10:00, down at 12:00. A late inactive poll at 11:00 makes 11:00 the down; 12:00 is then no change.
        // Derived after the poll before the late one (10:00), the old polls say [down 12:00], the new ones [down 11:00].
        var before = Timeline(Up(Mon(10)), Down(Mon(12)));
        var after = Timeline(Up(Mon(10)), Down(Mon(11)), Down(Mon(12)));

        Assert.Equal([DownAt(Mon(12), Mon(12))], Changes(NineToFive, before, after: Mon(10)));
        Assert.Equal([DownAt(Mon(11), Mon(11))], Changes(NineToFive, after, after: Mon(10)));
    }

    [Fact]
    public void A_late_active_poll_makes_an_old_poll_a_down()
    {
        // Down at 11:00, still down at 13:00. A late active poll at 12:00 is an up, and so 13:00 becomes a down again.
        var before = Timeline(Up(Mon(10)), Down(Mon(11)), Down(Mon(13)));
        var after = Timeline(Up(Mon(10)), Down(Mon(11)), Up(Mon(12)), Down(Mon(13)));

        Assert.Empty(Changes(NineToFive, before, after: Mon(11)));
        Assert.Equal([UpAt(Mon(12), Mon(11)), DownAt(Mon(13), Mon(13))], Changes(NineToFive, after, after: Mon(11)));
    }

    [Fact]
    public void Latest_changes_keeps_the_newest_first()
    {
        var polls = Timeline(Down(Mon(10)), Up(Mon(11)), Down(Mon(12)), Up(Mon(13)));
        var latest = new LatestStatusChanges(3);

        StatusEvents.Derive(polls, NineToFive, TwoHours, after: null, asOf: null, ref latest);

        Assert.Equal([UpAt(Mon(13), Mon(12)), DownAt(Mon(12), Mon(12)), UpAt(Mon(11), Mon(10))], latest.NewestFirst());
    }

    [Fact]
    public void Context_is_the_opening_and_the_downtime_of_the_local_day_up_to_the_instant()
    {
        // 09:30 up, 11:30 down: the midpoint is 10:30, so 10:30-11:30 is down (60 min), in the opening that began at 09:00.
        var context = ChangeContext.At(Timeline(Up(Mon(9, 30)), Down(Mon(11, 30))), NineToFive, Mon(11, 30));

        Assert.Equal(new ChangeContext(Mon(9), Duration.FromMinutes(60)), context);
    }

    [Fact]
    public void Context_of_overnight_hours_counts_the_local_date_of_the_instant_only()
    {
        // Chicago, Friday 22:00-02:00 local. Friday 23:00 up, Saturday 01:00 down: midpoint Saturday 00:00 local (05:00Z).
        // Saturday's local date began at 00:00 local; 00:00-01:00 is open and down: 60 minutes. The opening began Friday 22:00.
        var schedule = Schedule("America/Chicago", Row(IsoDayOfWeek.Friday, "22:00", "02:00"));
        var polls = Timeline(Up(Utc(2024, 6, 8, 4, 0)), Down(Utc(2024, 6, 8, 6, 0)));

        Assert.Equal(new ChangeContext(Utc(2024, 6, 8, 3, 0), Duration.FromMinutes(60)), ChangeContext.At(polls, schedule, Utc(2024, 6, 8, 6, 0)));
    }

    [Fact]
    public void Context_has_no_opening_for_a_store_always_open_or_closed()
    {
        var polls = Timeline(Down(Mon(10)));

        Assert.Null(ChangeContext.At(polls, Schedule("UTC"), Mon(10)).OpenedAt);
        Assert.Null(ChangeContext.At(polls, NineToFive, Mon(20)).OpenedAt);
    }

    private static List<StatusChange> Changes(BusinessSchedule schedule, PollTimeline polls, Instant? after = null, Instant? asOf = null, Duration? silentAfter = null)
    {
        var found = new StatusChangeList();
        StatusEvents.Derive(polls, schedule, silentAfter ?? TwoHours, after, asOf, ref found);
        return found.Changes;
    }

    private static Instant Mon(int hour, int minute = 0) => Utc(2024, 6, 3, hour, minute);

    private static Instant Tue(int hour, int minute = 0) => Utc(2024, 6, 4, hour, minute);

    private static StatusChange DownAt(Instant at, Instant downSince) => new(StatusChangeKind.Down, at, downSince, at);

    private static StatusChange UpAt(Instant at, Instant downSince) => new(StatusChangeKind.Up, at, downSince, at);

    private static StatusChange SilentAt(Instant at, Instant lastPoll) => new(StatusChangeKind.Silent, at, lastPoll, lastPoll);
}
