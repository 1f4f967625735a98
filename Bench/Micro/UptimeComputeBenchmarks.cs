using BenchmarkDotNet.Attributes;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Bench.Micro;

/// <summary>
/// One store's report numbers (<see cref="MicroStore"/>): all three windows. <see cref="PollsPerStore"/> 1300 (ten
/// times as dense) shows that allocation does not grow with the number of polls.
/// </summary>
[MemoryDiagnoser]
public class UptimeComputeBenchmarks
{
    private static readonly Instant Now = MicroStore.Now;

    private PollTimeline polls = PollTimeline.Empty;
    private BusinessSchedule splitShift = null!;
    private BusinessSchedule alwaysOpen = null!;

    [Params(130, 1300)]
    public int PollsPerStore { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        polls = MicroStore.Polls(PollsPerStore);
        splitShift = MicroStore.SplitShift();
        alwaysOpen = MicroStore.AlwaysOpen();
    }

    [Benchmark(Baseline = true)]
    public UptimeTotals SplitShiftNewYork() => UptimeCalculator.Compute(polls, splitShift, Now);

    [Benchmark]
    public UptimeTotals AlwaysOpen() => UptimeCalculator.Compute(polls, alwaysOpen, Now);
}
