using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime.Windows;

/// <summary>
/// Every window kind on random stores near DST transitions, computed in the engine's one pass, checked to the
/// nanosecond against <see cref="WindowReference"/>, which walks each window on its own.
/// </summary>
public class WindowAgreementTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_window_matches_the_reference_walked_on_its_own(int seed)
    {
        var store = RandomWindowStore.Create(seed, RandomisedAgreementTests.ZoneIds);
        var spans = store.Windows.Select(window => window.Span(store.Now)).ToArray();
        // The reference knows the hours from the earliest window or poll to the latest: "in hours" is asked of every poll.
        var instants = spans.SelectMany(span => new[] { span.Start, span.End }).Concat(store.Polls.Select(poll => poll.At)).ToArray();
        var reference = new WindowReference(store.Rows, store.Zone, instants.Min(), instants.Max());
        var totals = new WindowTotals[store.Windows.Length];

        UptimeCalculator.ComputeWindows(store.Timeline(), store.Schedule, store.Now, store.Windows, totals);

        for (var i = 0; i < store.Windows.Length; i++)
        {
            var (up, down) = reference.Compute(store.Polls, store.Now, spans[i].Start, spans[i].End);
            Assert.True(
                (up, down) == (totals[i].Up.ToInt64Nanoseconds(), totals[i].Down.ToInt64Nanoseconds()),
                $"window {store.Windows[i]}: reference up {up} down {down}, engine up {totals[i].Up.ToInt64Nanoseconds()} down {totals[i].Down.ToInt64Nanoseconds()}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_SPEC_windows_give_the_SPEC_totals(int seed)
    {
        var store = RandomWindowStore.Create(seed, RandomisedAgreementTests.ZoneIds);
        var totals = new WindowTotals[3];

        UptimeCalculator.ComputeWindows(store.Timeline(), store.Schedule, store.Now, [.. UptimeWindow.Spec], totals);
        var spec = UptimeCalculator.Compute(store.Timeline(), store.Schedule, store.Now);

        Assert.Equal(
            [new WindowTotals(spec.UpLastHour, spec.DownLastHour), new WindowTotals(spec.UpLastDay, spec.DownLastDay), new WindowTotals(spec.UpLastWeek, spec.DownLastWeek)],
            totals);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_window_alone_gives_what_it_gives_among_the_others(int seed)
    {
        var store = RandomWindowStore.Create(seed, RandomisedAgreementTests.ZoneIds);
        var together = new WindowTotals[store.Windows.Length];
        UptimeCalculator.ComputeWindows(store.Timeline(), store.Schedule, store.Now, store.Windows, together);

        for (var i = 0; i < store.Windows.Length; i++)
        {
            var alone = new WindowTotals[1];
            UptimeCalculator.ComputeWindows(store.Timeline(), store.Schedule, store.Now, [store.Windows[i]], alone);
            Assert.Equal(together[i], alone[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Up_plus_down_is_the_business_time_of_each_window(int seed)
    {
        var store = RandomWindowStore.Create(seed, RandomisedAgreementTests.ZoneIds);
        var totals = new WindowTotals[store.Windows.Length];
        var timeline = store.Timeline();
        UptimeCalculator.ComputeWindows(timeline, store.Schedule, store.Now, store.Windows, totals);

        for (var i = 0; i < store.Windows.Length; i++)
        {
            var span = store.Windows[i].Span(store.Now);
            var business = timeline.HasPollAtOrBefore(store.Now) ? Stores.TotalLength(store.Schedule.OpenIntervals(span.Start, span.End)) : Duration.Zero;
            Assert.Equal(business, totals[i].BusinessTime);
        }
    }
}
