namespace StoreMonitor.Bench.Service;

/// <summary>
/// A figure's target: its text as <c>docs/BENCHMARKS.md</c> gives it, and the bound a run is checked against, in the
/// unit the command measures (seconds, bytes, polls a second): an upper bound for times and sizes, a lower one for
/// rates. Both are null where the target is only relative to earlier runs ("no slower"), which one run cannot decide.
/// </summary>
public sealed record BenchmarkTarget(string Text, double? AtMost, double? AtLeast = null);
