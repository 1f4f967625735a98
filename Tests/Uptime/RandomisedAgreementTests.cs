using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// Small random stores near DST transitions, checked to the nanosecond against <see cref="BruteForceReference"/>,
/// plus invariants that must hold for any store.
/// </summary>
public class RandomisedAgreementTests
{
    private const int Cases = 40;

    /// <summary>Zones with DST both ways, half-hour and 45-minute offsets, and none: the random stores' zones.</summary>
    internal static readonly string[] ZoneIds =
    [
        "America/New_York", "America/Chicago", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns",
        "Europe/London", "UTC", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu",
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= Cases; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    /// <summary>The seeds the inner loop compares with the brute force (the reference walks every nanosecond boundary of
    /// 32 days, a tenth of a second a store).</summary>
    public static TheoryData<int> InnerLoopSeeds => [.. Enumerable.Range(1, 10)];

    /// <summary>The rest of <see cref="Seeds"/>, compared by <c>dotnet test</c> and CI.</summary>
    public static TheoryData<int> MoreSeeds => [.. Enumerable.Range(11, Cases - 10)];

    [Theory]
    [MemberData(nameof(InnerLoopSeeds))]
    public void Compute_matches_the_brute_force_reference_exactly(int seed) => CheckAgainstReference(seed);

    [Theory]
    [Trait("Category", TestCategories.Slow)]
    [MemberData(nameof(MoreSeeds))]
    public void Compute_matches_the_brute_force_reference_exactly_on_more_stores(int seed) => CheckAgainstReference(seed);

    [Theory]
    [MemberData(nameof(InnerLoopSeeds))]
    public void Compute_with_special_hours_matches_the_brute_force_reference_exactly(int seed) => CheckWithSpecialHoursAgainstReference(seed);

    [Theory]
    [Trait("Category", TestCategories.Slow)]
    [MemberData(nameof(MoreSeeds))]
    public void Compute_with_special_hours_matches_the_brute_force_reference_exactly_on_more_stores(int seed) =>
        CheckWithSpecialHoursAgainstReference(seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Open_hours_with_special_hours_match_the_reference_at_every_minute_of_the_week(int seed)
    {
        var store = RandomStore.CreateWithSpecialHours(seed, ZoneIds);
        var reference = new BruteForceReference(store.Rows, store.Zone, store.Now - Duration.FromDays(30), store.Now + Duration.FromDays(2), store.SpecialRows);

        for (var at = store.Now - UptimeCalculator.LastWeek; at < store.Now + Duration.FromDays(1); at += Duration.FromMinutes(1))
        {
            Assert.True(reference.IsOpen((at - NodaConstants.UnixEpoch).ToInt64Nanoseconds()) == store.Schedule.IsOpen(at), $"seed {seed}, at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void IsOpen_matches_the_reference_at_every_poll(int seed)
    {
        var store = RandomStore.Create(seed, ZoneIds);
        var reference = new BruteForceReference(store.Rows, store.Zone, store.Now - Duration.FromDays(30), store.Now + Duration.FromDays(2));

        foreach (var (at, _) in store.Polls)
        {
            Assert.Equal(reference.IsOpen((at - NodaConstants.UnixEpoch).ToInt64Nanoseconds()), store.Schedule.IsOpen(at));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Up_plus_down_is_the_business_time_of_each_window(int seed)
    {
        var store = RandomStore.Create(seed, ZoneIds);
        var totals = UptimeCalculator.Compute(store.Timeline(), store.Schedule, store.Now);
        if (!store.Timeline().HasPollAtOrBefore(store.Now))
        {
            Assert.Equal(default, totals);
            return;
        }

        Assert.Equal(BusinessTime(store, UptimeCalculator.LastHour), totals.UpLastHour + totals.DownLastHour);
        Assert.Equal(BusinessTime(store, UptimeCalculator.LastDay), totals.UpLastDay + totals.DownLastDay);
        Assert.Equal(BusinessTime(store, UptimeCalculator.LastWeek), totals.UpLastWeek + totals.DownLastWeek);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Result_does_not_depend_on_poll_order_or_batching(int seed)
    {
        var store = RandomStore.Create(seed, ZoneIds);
        var shuffled = store.Polls.OrderBy(_ => new Random(seed).Next()).ToArray();
        var half = shuffled.Length / 2;
        var inTwoBatches = PollTimeline.Empty
            .Merge(shuffled[..half].Select(p => p.At.ToUnixTimeTicks()).ToArray(), shuffled[..half].Select(p => p.Status).ToArray()).Timeline
            .Merge(shuffled[half..].Select(p => p.At.ToUnixTimeTicks()).ToArray(), shuffled[half..].Select(p => p.Status).ToArray()).Timeline;

        Assert.Equal(store.Timeline().UnixTicks.ToArray(), inTwoBatches.UnixTicks.ToArray());
        Assert.Equal(store.Timeline().Statuses.ToArray(), inTwoBatches.Statuses.ToArray());
        Assert.Equal(UptimeCalculator.Compute(store.Timeline(), store.Schedule, store.Now), UptimeCalculator.Compute(inTwoBatches, store.Schedule, store.Now));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Segments_sum_to_the_computed_totals(int seed)
    {
        var store = RandomStore.Create(seed, ZoneIds);
        var timeline = store.Timeline();
        var totals = UptimeCalculator.Compute(timeline, store.Schedule, store.Now);

        foreach (var (window, up, down) in new[]
                 {
                     (UptimeCalculator.LastHour, totals.UpLastHour, totals.DownLastHour),
                     (UptimeCalculator.LastDay, totals.UpLastDay, totals.DownLastDay),
                     (UptimeCalculator.LastWeek, totals.UpLastWeek, totals.DownLastWeek),
                 })
        {
            var segments = UptimeCalculator.Segments(timeline, store.Schedule, store.Now - window, store.Now, store.Now);
            Assert.Equal(up, Sum(segments, PollStatus.Active));
            Assert.Equal(down, Sum(segments, PollStatus.Inactive));
        }
    }

    private static void CheckAgainstReference(int seed)
    {
        var store = RandomStore.Create(seed, ZoneIds);
        AssertMatchesReference(store, new BruteForceReference(store.Rows, store.Zone, store.Now - Duration.FromDays(30), store.Now + Duration.FromDays(2)));
    }

    private static void CheckWithSpecialHoursAgainstReference(int seed)
    {
        var store = RandomStore.CreateWithSpecialHours(seed, ZoneIds);
        AssertMatchesReference(store, new BruteForceReference(store.Rows, store.Zone, store.Now - Duration.FromDays(30), store.Now + Duration.FromDays(2), store.SpecialRows));
    }

    private static Duration BusinessTime(RandomStore store, Duration window) =>
        Stores.TotalLength(store.Schedule.OpenIntervals(store.Now - window, store.Now));

    private static Duration Sum(IEnumerable<StatusSegment> segments, PollStatus status) =>
        segments.Where(s => s.Status == status).Aggregate(Duration.Zero, (sum, s) => sum + (s.End - s.Start));

    private static void AssertMatchesReference(RandomStore store, BruteForceReference reference)
    {
        var (up, down) = reference.Compute(store.Polls, store.Now);
        var totals = UptimeCalculator.Compute(store.Timeline(), store.Schedule, store.Now);
        Assert.Equal(
            (up[0], up[1], up[2], down[0], down[1], down[2]),
            (totals.UpLastHour.ToInt64Nanoseconds(), totals.UpLastDay.ToInt64Nanoseconds(), totals.UpLastWeek.ToInt64Nanoseconds(),
             totals.DownLastHour.ToInt64Nanoseconds(), totals.DownLastDay.ToInt64Nanoseconds(), totals.DownLastWeek.ToInt64Nanoseconds()));
    }
}
