using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

public class PollTimelineTests
{
    private static readonly long T1 = Utc(2024, 1, 1, 10, 0).ToUnixTimeTicks();
    private static readonly long T2 = Utc(2024, 1, 1, 11, 0).ToUnixTimeTicks();
    private static readonly long T3 = Utc(2024, 1, 1, 12, 0).ToUnixTimeTicks();

    private static PollMergeResult Merge(PollTimeline timeline, params (long Ticks, PollStatus Status)[] batch) =>
        timeline.Merge(batch.Select(p => p.Ticks).ToArray(), batch.Select(p => p.Status).ToArray());

    [Fact]
    public void Merge_sorts_a_batch_in_any_order()
    {
        var result = Merge(PollTimeline.Empty, (T3, PollStatus.Active), (T1, PollStatus.Inactive), (T2, PollStatus.Active));

        Assert.Equal([T1, T2, T3], result.Timeline.UnixTicks.ToArray());
        Assert.Equal([PollStatus.Inactive, PollStatus.Active, PollStatus.Active], result.Timeline.Statuses.ToArray());
        Assert.Equal((3, 0), (result.Accepted, result.Duplicates));
    }

    [Fact]
    public void Merging_the_same_batch_twice_changes_nothing_the_second_time()
    {
        (long, PollStatus)[] batch = [(T2, PollStatus.Active), (T1, PollStatus.Inactive), (T2, PollStatus.Inactive), (T1, PollStatus.Inactive)];
        var first = Merge(PollTimeline.Empty, batch);

        var second = Merge(first.Timeline, batch);

        Assert.Equal((0, batch.Length), (second.Accepted, second.Duplicates));
        Assert.Same(first.Timeline, second.Timeline);
    }

    [Fact]
    public void Repeats_inside_a_batch_are_duplicates()
    {
        var result = Merge(PollTimeline.Empty, (T1, PollStatus.Active), (T1, PollStatus.Active), (T1, PollStatus.Active));

        Assert.Equal((1, 2), (result.Accepted, result.Duplicates));
        Assert.Equal(1, result.Timeline.Count);
    }

    [Fact]
    public void Conflicting_polls_at_one_instant_collapse_to_inactive()
    {
        var result = Merge(PollTimeline.Empty, (T1, PollStatus.Active), (T1, PollStatus.Inactive));

        Assert.Equal([PollStatus.Inactive], result.Timeline.Statuses.ToArray());
        // Neither (instant, status) was represented before, so both count as accepted.
        Assert.Equal((2, 0), (result.Accepted, result.Duplicates));
    }

    [Fact]
    public void An_inactive_poll_at_a_known_active_instant_is_accepted_and_wins()
    {
        var known = Merge(PollTimeline.Empty, (T1, PollStatus.Active)).Timeline;

        var result = Merge(known, (T1, PollStatus.Inactive));

        Assert.Equal((1, 0), (result.Accepted, result.Duplicates));
        Assert.Equal([PollStatus.Inactive], result.Timeline.Statuses.ToArray());
    }

    [Fact]
    public void An_active_poll_at_a_known_inactive_instant_is_a_duplicate()
    {
        var known = Merge(PollTimeline.Empty, (T1, PollStatus.Inactive)).Timeline;

        var result = Merge(known, (T1, PollStatus.Active));

        Assert.Equal((0, 1), (result.Accepted, result.Duplicates));
        Assert.Same(known, result.Timeline);
    }

    [Fact]
    public void Merge_interleaves_new_polls_with_known_ones()
    {
        var known = Merge(PollTimeline.Empty, (T1, PollStatus.Active), (T3, PollStatus.Active)).Timeline;

        var result = Merge(known, (T2, PollStatus.Inactive), (T3, PollStatus.Active));

        Assert.Equal([T1, T2, T3], result.Timeline.UnixTicks.ToArray());
        Assert.Equal((1, 1), (result.Accepted, result.Duplicates));
    }

    [Fact]
    public void Counts_do_not_depend_on_batch_order()
    {
        (long, PollStatus)[] batch = [(T1, PollStatus.Active), (T1, PollStatus.Inactive), (T1, PollStatus.Active), (T2, PollStatus.Active)];

        var forward = Merge(PollTimeline.Empty, batch);
        var backward = Merge(PollTimeline.Empty, batch.Reverse().ToArray());

        Assert.Equal((forward.Accepted, forward.Duplicates), (backward.Accepted, backward.Duplicates));
        Assert.Equal(forward.Timeline.UnixTicks.ToArray(), backward.Timeline.UnixTicks.ToArray());
        Assert.Equal(forward.Timeline.Statuses.ToArray(), backward.Timeline.Statuses.ToArray());
    }

    [Fact]
    public void Latest_is_the_last_poll_or_null()
    {
        Assert.Null(PollTimeline.Empty.Latest);
        Assert.Equal(Utc(2024, 1, 1, 12, 0), Merge(PollTimeline.Empty, (T3, PollStatus.Active), (T1, PollStatus.Active)).Timeline.Latest);
    }

    [Fact]
    public void HasPollAtOrBefore_includes_a_poll_exactly_at_the_instant()
    {
        var timeline = Merge(PollTimeline.Empty, (T2, PollStatus.Active)).Timeline;

        Assert.True(timeline.HasPollAtOrBefore(Utc(2024, 1, 1, 11, 0)));
        Assert.False(timeline.HasPollAtOrBefore(Utc(2024, 1, 1, 10, 59)));
        Assert.False(PollTimeline.Empty.HasPollAtOrBefore(Utc(2024, 1, 1, 10, 59)));
    }

    [Fact]
    public void FromSorted_round_trips_the_arrays()
    {
        var timeline = Merge(PollTimeline.Empty, (T1, PollStatus.Active), (T2, PollStatus.Inactive)).Timeline;

        var restored = PollTimeline.FromSorted(timeline.UnixTicks.ToArray(), timeline.Statuses.ToArray());

        Assert.Equal(timeline.UnixTicks.ToArray(), restored.UnixTicks.ToArray());
        Assert.Equal(timeline.Statuses.ToArray(), restored.Statuses.ToArray());
    }

    [Fact]
    public void FromSorted_rejects_unsorted_or_repeated_instants()
    {
        Assert.Throws<ArgumentException>(() => PollTimeline.FromSorted([T2, T1], [PollStatus.Active, PollStatus.Active]));
        Assert.Throws<ArgumentException>(() => PollTimeline.FromSorted([T1, T1], [PollStatus.Active, PollStatus.Active]));
    }

    [Fact]
    public void Merge_rejects_instants_outside_the_supported_range()
    {
        long year2300 = Utc(2300, 1, 1, 0, 0).ToUnixTimeTicks();

        Assert.Throws<ArgumentException>(() => Merge(PollTimeline.Empty, (year2300, PollStatus.Active)));
        Assert.False(PollTimeline.IsSupported(Utc(2300, 1, 1, 0, 0)));
    }
}
