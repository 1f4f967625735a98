namespace StoreMonitor.Bench.Generation;

internal static class GenerateCommand
{
    // GENERATOR-HELPER: implement.
    public static int Run(string[] args) => throw new NotImplementedException();
}
