using Figures = StoreMonitor.Bench.Service.BenchmarkFigures;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// The targets of <c>docs/BENCHMARKS.md</c> (issues 4, 8, 17 and 22) for each generated dataset a command is run on.
/// They are keyed by the days as well as the stores, because the 1M targets are for 2 days of polls: a target
/// applied to a dataset it was not set for would print a "yes" that means nothing. No issue sets a target for
/// <c>shared-reports</c>, nor for the API host's restart or memory.
/// </summary>
public static class BenchmarkTargets
{
    private const double GiB = 1024.0 * 1024 * 1024;

    private static readonly Dictionary<(BenchmarkScenario Scenario, BenchmarkDataset Dataset), Dictionary<string, BenchmarkTarget>> Table = new()
    {
        [(BenchmarkScenario.Service, new BenchmarkDataset(14_000, 8))] = new()
        {
            [Figures.Service.Ingest] = new("≤ 6 s, from process start (issue 17)", 6),
            [Figures.Service.WarmReport] = new("≥ 100× an exact Python implementation run beside it: ≤ 0.17 s against the 17.0 s of issue 17's Python run (issue 17)", 0.17),
            [Figures.Service.ColdReport] = new("≤ 1.5 s (issue 17)", 1.5),
            [Figures.Service.PeakRss] = new("≤ 1.5 GB (issue 4), and no higher (issue 22)", 1.5 * GiB),
        },
        [(BenchmarkScenario.Service, new BenchmarkDataset(140_000, 8))] = new()
        {
            [Figures.Service.Ingest] = new("≤ 150 s (issue 4), and no slower (issue 22)", 150),
            [Figures.Service.WarmReport] = new("≤ 10 s (issue 4), and no slower (issue 22)", 10),
            [Figures.Service.ColdReport] = new("≤ 60 s (issue 4), and no slower (issue 22)", 60),
            [Figures.Service.PeakRss] = new("≤ 1 GB, no slower (issue 17)", 1 * GiB),
        },
        [(BenchmarkScenario.Service, new BenchmarkDataset(1_000_000, 2))] = new()
        {
            [Figures.Service.Ingest] = new("≤ 6 min (issue 22)", 6 * 60),
            [Figures.Service.WarmReport] = new("≤ 30 s (issue 22)", 30),
            [Figures.Service.ColdReport] = new("completes, in ≤ 3 min (issue 22)", 3 * 60),
            [Figures.Service.PeakRss] = new("≤ 4 GB (issue 22)", 4 * GiB),
        },
        [(BenchmarkScenario.Hourly, new BenchmarkDataset(14_000, 8))] = new()
        {
            [Figures.Hourly.InitialIngest] = new("no slower (issue 22)", null),
            [Figures.Hourly.NewHour] = new("≤ 1.0 s (issue 17, through `POST /ingestion`; it replaces issue 8's ≤ 1.5 s)", 1.0),
        },
        [(BenchmarkScenario.Hourly, new BenchmarkDataset(140_000, 8))] = new()
        {
            [Figures.Hourly.InitialIngest] = new("no slower (issue 22)", null),
            [Figures.Hourly.NothingNewRun] = new("≤ 0.2 s (issue 8)", 0.2),
            [Figures.Hourly.NothingNewScan] = new("≤ 0.2 s (issue 8)", 0.2),
            [Figures.Hourly.NewHour] = new("≤ 15 s (issue 8), and no slower (issue 22)", 15),
            [Figures.Hourly.StoredBytesPerStore] = new("no higher (issue 22)", null),
        },
        [(BenchmarkScenario.Hourly, new BenchmarkDataset(1_000_000, 2))] = new()
        {
            [Figures.Hourly.NewHour] = new("≤ 60 s (issue 22)", 60),
        },
        [(BenchmarkScenario.Host, new BenchmarkDataset(14_000, 8))] = new()
        {
            [Figures.Host.StartToIngested] = new("≤ 6 s (issue 17)", 6),
            [Figures.Host.WarmReport] = new("≥ 100× the Python run: ≤ 0.17 s against its 17.0 s (issue 17)", 0.17),
            [Figures.Host.NewHour] = new("≤ 1.0 s, the median of 24 (issue 17)", 1.0),
            [Figures.Host.ColdReport] = new("≤ 1.5 s (issue 17)", 1.5),
        },
        // live-latency's stores have the hours and polls it writes itself, and no days of history to speak of.
        [(BenchmarkScenario.Live, new BenchmarkDataset(14_000, LiveDays))] = new()
        {
            [Figures.Live.Throughput] = new("≥ 20,000 polls/s (issue 19)", null, AtLeast: 20_000),
            [Figures.Live.Latency] = new("p99 ≤ 1 s (issue 19)", 1.0),
            [Figures.Live.NatsThroughput] = new("≥ 20,000 polls/s (issue 19)", null, AtLeast: 20_000),
            [Figures.Live.NatsLatency] = new("p99 ≤ 1 s (issue 19)", 1.0),
        },
    };

    /// <summary>The days of polls <c>live-latency</c> writes: one, the day before the push.</summary>
    public const int LiveDays = 1;

    /// <summary>Every target, for the check that <c>docs/BENCHMARKS.md</c> states the same ones.</summary>
    public static IEnumerable<(BenchmarkScenario Scenario, BenchmarkDataset Dataset, string Figure, BenchmarkTarget Target)> All =>
        Table.SelectMany(entry => entry.Value.Select(figure => (entry.Key.Scenario, entry.Key.Dataset, figure.Key, figure.Value)));

    /// <summary>The target of <paramref name="figure"/> on <paramref name="dataset"/>, or null where none is set.</summary>
    public static BenchmarkTarget? Find(BenchmarkScenario scenario, BenchmarkDataset? dataset, string figure) =>
        dataset is not null && Table.TryGetValue((scenario, dataset), out var figures) ? figures.GetValueOrDefault(figure) : null;
}
