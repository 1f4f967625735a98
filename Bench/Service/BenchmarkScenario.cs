namespace StoreMonitor.Bench.Service;

/// <summary>The Bench commands that print rows for a table of <c>docs/BENCHMARKS.md</c>, one table each.</summary>
public enum BenchmarkScenario
{
    Service,
    Hourly,
    SharedReports,
    Host,
    Live,
}
