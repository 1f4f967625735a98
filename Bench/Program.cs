using StoreMonitor.Bench.Generation;
using StoreMonitor.Bench.Micro;

// One entry point for the tools that sit beside the service: a dataset generator and the benchmarks.
return args.FirstOrDefault() switch
{
    "generate" => GenerateCommand.Run(args[1..]),
    "micro" => MicroBenchmarksCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project Bench -- <command> [options]
          generate   write a realistic dataset (store_status.csv, menu_hours.csv, timezones.csv)
          micro      BenchmarkDotNet micro-benchmarks of the uptime engine
        """);
    return 2;
}
