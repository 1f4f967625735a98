using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Live;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Uptime;

namespace StoreMonitor.Tests.Live;

/// <summary>
/// Random stores near DST transitions (with and without special hours), their changes and condition derived by the
/// engine from a random point on, checked against <see cref="LiveReference"/>'s walk over every poll.
/// </summary>
public sealed class StatusEventsAgreementTests
{
    private const int Cases = 60;
    private const int SlowCases = 1500;

    private static readonly Duration[] Thresholds = [Duration.FromMinutes(20), Duration.FromHours(2), Duration.FromHours(7)];

    public static TheoryData<int> Seeds() => SeedRange(1, Cases);

    public static TheoryData<int> MoreSeeds() => SeedRange(Cases + 1, SlowCases);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Changes_and_condition_match_the_reference(int seed) => AssertAgrees(seed);

    [Theory]
    [Trait("Category", TestCategories.Slow)]
    [MemberData(nameof(MoreSeeds))]
    public void Changes_and_condition_match_the_reference_on_more_seeds(int seed) => AssertAgrees(seed);

    private static void AssertAgrees(int seed)
    {
        var store = seed % 2 == 0 ? RandomStore.CreateWithSpecialHours(seed, RandomisedAgreementTests.ZoneIds) : RandomStore.Create(seed, RandomisedAgreementTests.ZoneIds);
        var random = new Random(seed * 31);
        var silentAfter = Thresholds[random.Next(Thresholds.Length)];
        var hours = new BruteForceReference(store.Rows, store.Zone, store.Now - Duration.FromDays(60), store.Now + Duration.FromDays(60), store.SpecialRows);
        var timeline = store.Timeline();
        Instant? asOf = random.Next(4) == 0 ? null : store.Now;
        var after = After(store, random);

        var expected = new LiveReference(hours, silentAfter).Walk(store.Polls, asOf);
        var found = new StatusChangeList();
        var condition = StatusEvents.Derive(timeline, store.Schedule, silentAfter, after, asOf, ref found);

        var context = $"seed {seed}, {store.Zone.Id}, silent after {silentAfter}, after {after}, as of {asOf}";
        Assert.True(
            expected.Changes.Where(change => after is null || change.At > after).SequenceEqual(found.Changes),
            $"{context}: expected [{string.Join(", ", expected.Changes.Where(change => after is null || change.At > after))}], found [{string.Join(", ", found.Changes)}]");
        Assert.Equal((expected.Condition, expected.Since, expected.DownSince, expected.LastPollAt), (condition.Condition, condition.Since, condition.DownSince, condition.LastPollAt));
        if (expected.NextSilence is { } next)
        {
            Assert.True(next == condition.SilenceCheckAt, $"{context}: next silence {next}, found {condition.SilenceCheckAt}");
        }
        else if (expected.Condition is StoreCondition.Down or StoreCondition.Silent)
        {
            Assert.Null(condition.SilenceCheckAt);
        }
    }

    /// <summary>No start, a poll's instant (the usual region: after the poll before new ones), or any instant.</summary>
    private static Instant? After(RandomStore store, Random random) => random.Next(3) switch
    {
        0 => null,
        1 when store.Polls.Length > 0 => store.Polls[random.Next(store.Polls.Length)].At,
        _ => store.Now - Duration.FromSeconds(random.Next(10 * 86_400)),
    };

    private static TheoryData<int> SeedRange(int first, int last)
    {
        var data = new TheoryData<int>();
        for (var seed = first; seed <= last; seed++)
        {
            data.Add(seed);
        }

        return data;
    }
}
