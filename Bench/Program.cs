using StoreMonitor.Bench.Generation;
using StoreMonitor.Bench.Host;
using StoreMonitor.Bench.Live;
using StoreMonitor.Bench.Micro;
using StoreMonitor.Bench.Service;
using StoreMonitor.Bench.Storage;

// One entry point for the tools that sit beside the service: a dataset generator and the benchmarks.
return args.FirstOrDefault() switch
{
    "generate" => GenerateCommand.Run(args[1..]),
    "micro" => MicroBenchmarksCommand.Run(args[1..]),
    "service" => await ServiceBenchmarkCommand.RunAsync(args[1..]),
    "hourly" => await HourlyBenchmarkCommand.RunAsync(args[1..]),
    "shared-reports" => await SharedReportsBenchmarkCommand.RunAsync(args[1..]),
    "storage-writes" => await StorageWritesBenchmarkCommand.RunAsync(args[1..]),
    "host" => await HostBenchmarkCommand.RunAsync(args[1..]),
    "nats-publish" => await NatsPublishCommand.RunAsync(args[1..]),
    "live-latency" => await LiveLatencyCommand.RunAsync(args[1..]),
    "append-hour" => await AppendHourCommand.RunAsync(args[1..]),
    "engine-report" => EngineReportCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project Bench -- <command> [options]
          generate   write a realistic dataset (store_status.csv, menu_hours.csv, timezones.csv)
          micro      BenchmarkDotNet micro-benchmarks of the uptime engine
          service    the whole service path at scale: ingest into SQLite, warm and cold reports, checked against the engine
          hourly     hourly refreshes replayed: time, rows/s and stored bytes per store of each refresh
          shared-reports  N identical reports at once versus one (they share one computation)
          storage-writes  the cost of one grain-state write in isolation (writes/s, µs per write)
          host       the API host as a user runs it, as a child process over HTTP: start to ingested, warm reports, new hours, restart, cold report
          nats-publish  publish polls to the NATS subject the API host consumes (for a machine without the nats client)
          live-latency  the API host as a child process: 14k stores, one new poll each pushed through POST /polls in batches (or --via nats: published one a message), polls/s and push to SignalR event (median, p99)
          append-hour   append the last hour of a dataset's polls again, an hour later (an hourly refresh, for scripts)
          engine-report the engine's report straight from a dataset's CSVs, to check a running service's byte for byte
        service, hourly, shared-reports, host and live-latency end with their rows for the tables of docs/BENCHMARKS.md.
        """);
    return 2;
}
