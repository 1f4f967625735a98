namespace StoreMonitor.Bench.Micro;

internal static class MicroBenchmarksCommand
{
    // ENGINE-HELPER: implement with BenchmarkDotNet.
    public static int Run(string[] args) => throw new NotImplementedException();
}
