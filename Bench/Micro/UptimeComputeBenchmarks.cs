using BenchmarkDotNet.Attributes;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Bench.Micro;

/// <summary>
/// One store's report numbers: hourly polls with jitter over 8 days (about 8 % inactive), a split-shift week in
/// America/New_York, all three windows. <see cref="PollsPerStore"/> 1300 (ten times as dense) shows that
/// allocation does not grow with the number of polls.
/// </summary>
[MemoryDiagnoser]
public class UptimeComputeBenchmarks
{
    private static readonly Instant Now = Instant.FromUtc(2024, 3, 14, 18, 0);

    private PollTimeline polls = PollTimeline.Empty;
    private BusinessSchedule splitShift = null!;
    private BusinessSchedule alwaysOpen = null!;

    [Params(130, 1300)]
    public int PollsPerStore { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var span = Duration.FromDays(8);
        var spacing = span / PollsPerStore;
        var ticks = new long[PollsPerStore];
        var statuses = new PollStatus[PollsPerStore];
        for (var i = 0; i < PollsPerStore; i++)
        {
            // Regular spacing with up to ±10 % jitter, microsecond timestamps as in the source data.
            var jitter = Duration.FromNanoseconds((long)((random.NextDouble() - 0.5) * 0.2 * spacing.ToInt64Nanoseconds()));
            ticks[i] = (Now - span + (spacing * i) + jitter).ToUnixTimeTicks() / 10 * 10;
            statuses[i] = random.NextDouble() < 0.08 ? PollStatus.Inactive : PollStatus.Active;
        }

        polls = PollTimeline.Empty.Merge(ticks, statuses).Timeline;

        var rows = new List<BusinessHoursRow>();
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            rows.Add(new BusinessHoursRow(day, new LocalTime(11, 0), new LocalTime(14, 30)));
            rows.Add(new BusinessHoursRow(day, new LocalTime(17, 0), day >= IsoDayOfWeek.Friday ? new LocalTime(1, 0) : new LocalTime(22, 0)));
        }

        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        splitShift = BusinessSchedule.Create(rows, zone);
        alwaysOpen = BusinessSchedule.Create([], zone);
    }

    [Benchmark(Baseline = true)]
    public UptimeTotals SplitShiftNewYork() => UptimeCalculator.Compute(polls, splitShift, Now);

    [Benchmark]
    public UptimeTotals AlwaysOpen() => UptimeCalculator.Compute(polls, alwaysOpen, Now);
}
