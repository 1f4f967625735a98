using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Stores;

public sealed class StoreGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    // Monday 2023-01-23, the worked example of docs/SEMANTICS.md: open 09:00-12:00 UTC, polls 10:14 active and 11:15 inactive.
    private static readonly Instant Monday = Instant.FromUtc(2023, 1, 23, 0, 0);
    private static readonly BusinessHoursRow[] MorningHours = [new(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(12, 0))];

    private IGrainFactory Grains => fixture.Cluster.Grains;

    private static StoreUpdate WorkedExample(string zone = "UTC") => new(
        [Ticks(Monday + Duration.FromMinutes((10 * 60) + 14)), Ticks(Monday + Duration.FromMinutes((11 * 60) + 15))],
        [PollStatus.Active, PollStatus.Inactive],
        MorningHours,
        zone);

    private static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    [Fact]
    public async Task Ingest_accepts_new_polls_and_reports_the_latest()
    {
        var result = await Grains.GetGrain<IStoreGrain>("ingest-new").Ingest(WorkedExample());

        Assert.Equal(2, result.AcceptedPolls);
        Assert.Equal(0, result.DuplicatePolls);
        Assert.Equal(Ticks(Monday + Duration.FromMinutes((11 * 60) + 15)), result.LatestPollUnixTicks);
    }

    [Fact]
    public async Task Ingesting_the_same_update_twice_counts_duplicates_and_changes_nothing()
    {
        var store = Grains.GetGrain<IStoreGrain>("ingest-twice");
        await store.Ingest(WorkedExample());
        var before = await store.GetSummary();

        var again = await store.Ingest(WorkedExample());

        Assert.Equal(0, again.AcceptedPolls);
        Assert.Equal(2, again.DuplicatePolls);
        var after = await store.GetSummary();
        Assert.Equal(before.PollCount, after.PollCount);
        Assert.Equal(before.Hours, after.Hours);
    }

    [Fact]
    public async Task Computes_the_worked_example_of_the_semantics()
    {
        var store = Grains.GetGrain<IStoreGrain>("worked-example");
        await store.Ingest(WorkedExample());

        var row = await store.ComputeUptime(Monday + Duration.FromHours(12));

        Assert.NotNull(row);
        Assert.Equal(Duration.Zero, row.Totals.UpLastHour);
        Assert.Equal(Duration.FromMinutes(60), row.Totals.DownLastHour);
        Assert.Equal(Duration.FromSeconds((60 * 60) + (44 * 60) + 30), row.Totals.UpLastDay);
        Assert.Equal(Duration.FromSeconds((15 * 60) + 30 + (60 * 60)), row.Totals.DownLastDay);
        Assert.Null(row.Warning);
    }

    [Fact]
    public async Task A_store_whose_polls_are_all_after_the_report_time_has_no_row()
    {
        var store = Grains.GetGrain<IStoreGrain>("future-only");
        await store.Ingest(WorkedExample());

        Assert.Null(await store.ComputeUptime(Monday + Duration.FromHours(10)));
    }

    [Fact]
    public async Task An_unknown_zone_falls_back_to_chicago_with_a_warning()
    {
        var store = Grains.GetGrain<IStoreGrain>("unknown-zone");
        await store.Ingest(WorkedExample("Mars/Olympus_Mons"));

        var summary = await store.GetSummary();
        var row = await store.ComputeUptime(Monday + Duration.FromDays(1));

        Assert.Equal("America/Chicago", summary.EffectiveZoneId);
        Assert.Contains("Mars/Olympus_Mons", row!.Warning);
    }

    [Fact]
    public async Task State_is_read_back_from_sqlite_after_deactivation()
    {
        var store = Grains.GetGrain<IStoreGrain>("survives-deactivation");
        await store.Ingest(WorkedExample("America/New_York"));
        var before = await store.ComputeUptime(Monday + Duration.FromHours(20));

        await fixture.Cluster.Cluster.DeactivateAsync(store);
        var summary = await store.GetSummary();
        var after = await store.ComputeUptime(Monday + Duration.FromHours(20));

        Assert.Equal(2, summary.PollCount);
        Assert.Equal("America/New_York", summary.ZoneId);
        Assert.Equal(MorningHours, summary.Hours);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_update_without_hours_or_zone_keeps_the_stored_ones()
    {
        var store = Grains.GetGrain<IStoreGrain>("keeps-hours");
        await store.Ingest(WorkedExample("Asia/Kolkata"));

        await store.Ingest(new StoreUpdate([Ticks(Monday + Duration.FromHours(13))], [PollStatus.Active], Hours: null, ZoneId: null));

        var summary = await store.GetSummary();
        Assert.Equal(3, summary.PollCount);
        Assert.Equal(MorningHours, summary.Hours);
        Assert.Equal("Asia/Kolkata", summary.ZoneId);
    }

    [Fact]
    public async Task An_update_from_files_without_the_store_clears_its_hours_and_zone()
    {
        var store = Grains.GetGrain<IStoreGrain>("clears-hours");
        await store.Ingest(WorkedExample("Asia/Kolkata"));

        await store.Ingest(new StoreUpdate([], [], Hours: [], ZoneId: ""));

        var summary = await store.GetSummary();
        Assert.Empty(summary.Hours);
        Assert.Null(summary.ZoneId);
        Assert.Equal("America/Chicago", summary.EffectiveZoneId);
    }
}
