using System.Diagnostics;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StoreMonitor.Bench.Service;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// <c>host</c>: what a user runs, measured from outside. Starts the API host's own build as a child process on a fresh
/// SQLite database and a fresh copy of a dataset, and times over HTTP: process start to the first ingestion finished,
/// three warm reports at report times not asked before, new hours appended to <c>store_status.csv</c> each ingested
/// through <c>POST /ingestion</c>, then a killed and restarted process (start to ready) and a cold report at a new
/// report time. Every report is checked byte for byte against the engine run directly on the files; the command
/// ends with the rows of its table in <c>docs/BENCHMARKS.md</c>.
/// </summary>
internal static class HostBenchmarkCommand
{
    private const string Usage = """
        usage: host [--stores N] [--days D] [--seed S] [--data DIR] [--work DIR] [--keep] [--hours H] [--api PATH]
          --stores, --days, --seed   dataset to generate (default 14000 stores, 8 days, seed 42)
          --data DIR                 copy the CSVs in DIR instead of generating (DIR itself is not changed)
          --work DIR                 where the dataset copy and database go (default: a new temp folder)
          --keep                     keep the work folder afterwards
          --hours H                  new hours appended and ingested one after another (default 24)
          --api PATH                 the host to run: a StoreMonitor.Api.dll, e.g. of `dotnet publish Api -c Release -r linux-x64`
                                     (ReadyToRun); by default the one built beside this benchmark
          --ingest-concurrency N     the host's StoreMonitor:IngestionConcurrency (default: the service default)
          --report-concurrency N     the host's StoreMonitor:ReportConcurrencyPerPartition (default: the service default)
        """;

    private const int WarmReports = 3;

    private static readonly TimeSpan ListenDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IngestDeadline = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!HostBenchmarkOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"host: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var benchmarkRun = await BenchmarkRun.CaptureAsync();
        var work = options.Common.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"storemonitor-host-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, work, benchmarkRun);
        }
        catch (Exception failure)
        {
            // A failed step leaves no figures worth printing; what failed is, and the host's output was printed with it.
            Console.Error.WriteLine($"host: {failure.Message}");
            return 1;
        }
        finally
        {
            if (!options.Common.Keep && options.Common.WorkDirectory is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(HostBenchmarkOptions options, string work, BenchmarkRun benchmarkRun)
    {
        var api = options.ApiAssembly ?? ApiHostAssembly.Locate();
        Console.WriteLine($"host: {api}");
        var data = Path.Combine(work, "data");
        var generated = CopyDataset(options.Common, work, data);
        if (generated != 0)
        {
            return generated;
        }

        var database = Path.Combine(work, "host.db");
        foreach (var file in Directory.EnumerateFiles(work, "host.db*"))
        {
            File.Delete(file);
        }

        var polls = InputFiles.Find(data).GetValueOrDefault(InputFileKind.StoreStatus)
            ?? throw new FileNotFoundException($"the dataset has no store_status.csv to append new hours to");
        var lastHour = LastHourOfPolls.Read(polls);
        // Report times no report has asked for: the latest poll and the hours before it, then, after the new hours,
        // the latest poll of the last one.
        Instant[] warmTimes = [.. Enumerable.Range(0, WarmReports).Select(hours => lastHour.LatestPoll - Duration.FromHours(hours))];
        var coldTime = lastHour.LatestPoll + Duration.FromHours(options.Hours);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dataset {data}: latest poll {Format(lastHour.LatestPoll)}, {lastHour.Rows:N0} polls in each new hour; host {api}; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        var clock = Stopwatch.StartNew();
        byte[][] warmExpected = [.. warmTimes.Select(asOf => EngineReference.Compute(data, asOf))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine reference for the {WarmReports} warm reports: {clock.Elapsed.TotalSeconds:F2} s (not part of the figures)"));

        string[] Arguments() => HostArguments(data, database, options.Common);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load at the first start: {LoadAverage.ReadOneMinute()?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"}"));
        var first = await WithHostAsync(api, Arguments(), (host, client) => FirstProcessAsync(host, client, warmTimes, lastHour, polls, options.Hours));
        var second = await WithHostAsync(api, Arguments(), (host, client) => RestartedProcessAsync(host, client, coldTime));

        var coldExpected = EngineReference.Compute(data, coldTime);
        var matches = true;
        for (var i = 0; i < WarmReports; i++)
        {
            matches &= ReportCheck.Matches($"warm {i + 1} as of {Format(warmTimes[i])}", first.Warm[i].Csv, warmExpected[i]);
        }

        matches &= ReportCheck.Matches($"cold as of {Format(coldTime)}, after {options.Hours} new hours", second.Cold.Csv, coldExpected);
        if (!matches)
        {
            // Figures of a service that computed the wrong report are not benchmark figures.
            Console.WriteLine("no rows for docs/BENCHMARKS.md: a report differs from the engine's");
            return 1;
        }

        PrintRows(BenchmarkDataset.Of(options.Common), benchmarkRun, first, second);
        return 0;
    }

    /// <summary>The first process: start to ingested, the warm reports, and the new hours, one after another.</summary>
    private static async Task<FirstProcess> FirstProcessAsync(
        ApiHostProcess host, HostApi client, Instant[] warmTimes, LastHourOfPolls lastHour, string polls, int hours)
    {
        var run = await client.WaitForRunAfterAsync(0, IngestDeadline);
        var ingested = host.SinceStart.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process start → listening {host.TimeToListen.TotalSeconds:F2} s → first ingestion finished {ingested.TotalSeconds:F2} s (the run's own {run.ElapsedSeconds:F2} s, {run.Accepted:N0} rows accepted)"));

        var warm = new List<ReportDownload>();
        foreach (var asOf in warmTimes)
        {
            warm.Add(await client.ReportAsync(asOf, StepDeadline));
            Print("report, warm", warm[^1]);
        }

        var newHours = new List<TimeSpan>();
        for (var hour = 1; hour <= hours; hour++)
        {
            await lastHour.AppendAsync(polls, hour);
            var before = run.RunNumber;
            var clock = Stopwatch.StartNew();
            await client.StartIngestionAsync();
            var accepted = clock.Elapsed;
            run = await client.WaitForRunAfterAsync(before, StepDeadline);
            newHours.Add(clock.Elapsed);
            if (run.Accepted != lastHour.Rows)
            {
                throw new InvalidOperationException($"new hour {hour}: run {run.RunNumber} accepted {run.Accepted:N0} rows, not the {lastHour.Rows:N0} appended");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"new hour {hour}: {clock.Elapsed.TotalSeconds:F3} s (POST answered in {accepted.TotalSeconds:F3} s; the run's own {run.ElapsedSeconds:F3} s)"));
        }

        return new FirstProcess(ingested, warm, newHours, host.PeakBytes());
    }

    /// <summary>The process started again on the same database: start to ready, then a cold report.</summary>
    private static async Task<RestartedProcess> RestartedProcessAsync(ApiHostProcess host, HostApi client, Instant coldTime)
    {
        await client.WaitUntilReadyAsync(StepDeadline);
        var ready = host.SinceStart.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"restart → listening {host.TimeToListen.TotalSeconds:F2} s → ready {ready.TotalSeconds:F2} s"));
        var cold = await client.ReportAsync(coldTime, StepDeadline);
        Print("report, cold", cold);
        return new RestartedProcess(ready, cold, host.PeakBytes());
    }

    /// <summary>Starts the host, waits until it listens, and hands it to <paramref name="use"/>; kills it whatever happens.</summary>
    private static async Task<T> WithHostAsync<T>(string api, string[] arguments, Func<ApiHostProcess, HostApi, Task<T>> use)
    {
        await using var host = ApiHostProcess.Start(api, arguments);
        try
        {
            using var client = new HostApi(await host.WaitUntilListeningAsync(ListenDeadline));
            return await use(host, client);
        }
        catch
        {
            host.WriteOutput(Console.Error);
            throw;
        }
    }

    /// <summary>
    /// What every benchmark's API host starts with: the dataset, the fresh database, free loopback ports, and no periodic
    /// scan (a run starts only when the benchmark asks, so it times what it asks for).
    /// </summary>
    internal static string[] LoopbackHostArguments(string data, string database) =>
    [
        "--urls=http://127.0.0.1:0",
        $"--StoreMonitor:DataDirectory={data}",
        $"--ConnectionStrings:StoreMonitor=Data Source={database}",
        $"--StoreMonitor:Cluster:SiloPort={BenchSilo.FreePort()}",
        $"--StoreMonitor:Cluster:GatewayPort={BenchSilo.FreePort()}",
        "--StoreMonitor:ScanInterval=00:00:00",
    ];

    /// <summary>
    /// The host's settings: the dataset copy, the fresh database, free loopback ports. Two settings differ from the
    /// defaults, both so that the benchmark times what it asks for: no periodic scan, which could ingest an appended
    /// hour before <c>POST /ingestion</c> does, and no limit on <c>POST /ingestion</c> (6 a minute), which the new
    /// hours would pass.
    /// </summary>
    internal static string[] HostArguments(string data, string database, BenchOptions options)
    {
        List<string> arguments = [.. LoopbackHostArguments(data, database), "--StoreMonitor:RateLimit:IngestionPerMinute=0"];
        if (options.IngestionConcurrency is { } ingestion)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--StoreMonitor:IngestionConcurrency={ingestion}"));
        }

        if (options.ReportConcurrency is { } report)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--StoreMonitor:ReportConcurrencyPerPartition={report}"));
        }

        return [.. arguments];
    }

    /// <summary>Generates the dataset (or takes <c>--data</c>) and copies its input files to <paramref name="data"/>, which the host reads and the new hours change.</summary>
    internal static int CopyDataset(BenchOptions options, string work, string data)
    {
        var source = options.DataDirectory;
        if (source is null)
        {
            source = Path.Combine(work, "generated");
            Directory.CreateDirectory(source);
            var generated = options.Generate(source, TextWriter.Null);
            if (generated != 0)
            {
                return generated;
            }
        }

        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        foreach (var (_, path) in InputFiles.FindAll(source))
        {
            var target = Path.Combine(data, Path.GetRelativePath(source, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }

        return 0;
    }

    private static void PrintRows(BenchmarkDataset? dataset, BenchmarkRun benchmarkRun, FirstProcess first, RestartedProcess second)
    {
        var rows = new BenchmarkTable(BenchmarkScenario.Host, dataset, benchmarkRun);
        rows.Add(BenchmarkFigures.Host.StartToIngested, MeasuredValue.Seconds(first.Ingested), first.Ingested.TotalSeconds);
        var warm = first.Warm.Select(report => report.Total).ToList();
        rows.Add(BenchmarkFigures.Host.WarmReport, MeasuredValue.Seconds(warm), [.. warm.Select(each => each.TotalSeconds)]);
        // The target is on the median: one slow hour (a collection, a checkpoint) does not miss it alone.
        var median = Median(first.NewHours);
        var newHours = string.Create(CultureInfo.InvariantCulture,
            $"{MeasuredValue.Seconds(median)}, the median of {first.NewHours.Count} ({first.NewHours.Min().TotalSeconds:F2}–{first.NewHours.Max().TotalSeconds:F2} s)");
        rows.Add(BenchmarkFigures.Host.NewHour, newHours, median.TotalSeconds);
        rows.Add(BenchmarkFigures.Host.RestartToReady, MeasuredValue.Seconds(second.Ready), second.Ready.TotalSeconds);
        rows.Add(BenchmarkFigures.Host.ColdReport, MeasuredValue.Seconds(second.Cold.Total), second.Cold.Total.TotalSeconds);
        if (first.PeakBytes is { } before && second.PeakBytes is { } after)
        {
            rows.Add(BenchmarkFigures.Host.PeakRss, $"{MeasuredValue.Memory(before)}; {MeasuredValue.Memory(after)} after the restart", Math.Max(before, after));
        }

        rows.Print(Console.Out);
    }

    private static void Print(string name, ReportDownload report) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} as of {Format(report.AsOf)}: {report.Total.TotalSeconds:F3} s (trigger {report.Trigger.TotalSeconds:F3} s, computing {(report.Total - report.Trigger - report.Download).TotalSeconds:F3} s, download {report.Download.TotalSeconds:F3} s of {report.Csv.Length:N0} bytes)"));

    private static TimeSpan Median(IReadOnlyCollection<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>What the first process measured; the peak RSS is null where <c>/proc</c> does not tell.</summary>
    private sealed record FirstProcess(TimeSpan Ingested, IReadOnlyList<ReportDownload> Warm, IReadOnlyList<TimeSpan> NewHours, long? PeakBytes);

    /// <summary>What the restarted process measured.</summary>
    private sealed record RestartedProcess(TimeSpan Ready, ReportDownload Cold, long? PeakBytes);
}
