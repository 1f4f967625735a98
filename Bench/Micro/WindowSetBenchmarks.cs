using BenchmarkDotNet.Attributes;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Bench.Micro;

/// <summary>
/// Report windows in one pass (docs/REPORTS.md, issue 20's performance target): the same store (<see cref="MicroStore"/>,
/// split shift in New York) with 3 windows (hour, day, week) against 7 (those, month, quarter and two named ranges). The
/// baseline is the SPEC report's own calculator. Target: 7 windows cost at most 2× what 3 do, and nothing is allocated.
/// </summary>
[MemoryDiagnoser]
public class WindowSetBenchmarks
{
    private static readonly Instant Now = MicroStore.Now;

    private static readonly UptimeWindow[] Three = [UptimeWindow.Hour, UptimeWindow.Day, UptimeWindow.Week];

    private static readonly UptimeWindow[] Seven =
    [
        UptimeWindow.Hour, UptimeWindow.Day, UptimeWindow.Week, UptimeWindow.Month, UptimeWindow.Quarter,
        UptimeWindow.Range("yesterday_lunch", Now - Duration.FromHours(31), Now - Duration.FromHours(27)),
        UptimeWindow.Range("first_days", Now - Duration.FromDays(8), Now - Duration.FromDays(5)),
    ];

    private readonly WindowTotals[] totals = new WindowTotals[Seven.Length];
    private PollTimeline polls = PollTimeline.Empty;
    private BusinessSchedule splitShift = null!;

    [Params(130, 1300)]
    public int PollsPerStore { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        polls = MicroStore.Polls(PollsPerStore);
        splitShift = MicroStore.SplitShift();
    }

    [Benchmark(Baseline = true)]
    public UptimeTotals SpecCalculator() => UptimeCalculator.Compute(polls, splitShift, Now);

    [Benchmark]
    public WindowTotals ThreeWindows()
    {
        UptimeCalculator.ComputeWindows(polls, splitShift, Now, Three, totals);
        return totals[0];
    }

    [Benchmark]
    public WindowTotals SevenWindows()
    {
        UptimeCalculator.ComputeWindows(polls, splitShift, Now, Seven, totals);
        return totals[0];
    }
}
