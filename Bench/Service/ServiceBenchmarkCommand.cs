using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoreMonitor.Bench.Progress;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// <c>service</c>: the whole product path at scale. Generates (or takes) a dataset, ingests it through the store
/// grains into a fresh SQLite database, runs a report with the grains active (warm), runs ingestion again on the
/// unchanged files (which reads nothing), restarts the silo and runs a report with every store read back from
/// SQLite (cold). It checks every report byte for byte against the engine run directly on the files and ends with
/// the rows of its table in <c>docs/BENCHMARKS.md</c>.
/// </summary>
internal static class ServiceBenchmarkCommand
{
    private const string IngestPhase = "ingest CSV -> grains -> SQLite";
    private const string WarmPhase = "report, warm";
    private const string NothingNewPhase = "ingestion run, nothing new (files unchanged, none read)";
    private const string RestartPhase = "silo restart";
    private const string ColdPhase = "report, cold (state from SQLite)";

    // The phases of the service itself: generating the data and the engine reference are not part of it, so
    // their memory is not the service's peak.
    private static readonly string[] ServicePhases = [IngestPhase, WarmPhase, NothingNewPhase, RestartPhase, ColdPhase];

    private const string Usage = """
        usage: service [--stores N] [--days D] [--seed S] [--data DIR] [--work DIR] [--keep]
          --stores, --days, --seed   dataset to generate (default 14000 stores, 8 days, seed 42)
          --data DIR                 use the CSVs in DIR instead of generating
          --work DIR                 where the dataset and database go (default: a new temp folder)
          --keep                     keep the work folder afterwards
          --ingest-concurrency N     store updates in flight (default: the service default)
          --report-concurrency N     store calls in flight per index partition (default: the service default)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!BenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"service: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var benchmarkRun = await BenchmarkRun.CaptureAsync();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"storemonitor-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, work, benchmarkRun);
        }
        finally
        {
            if (!options.Keep && options.WorkDirectory is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, string work, BenchmarkRun benchmarkRun)
    {
        var table = new PhaseTable();
        var data = options.DataDirectory;
        if (data is null)
        {
            data = Path.Combine(work, "data");
            Directory.CreateDirectory(data);
            var generated = table.Measure("generate", () => options.Generate(data, TextWriter.Null));
            if (generated != 0)
            {
                return generated;
            }
        }

        var rows = CountRows(data);
        Console.WriteLine($"dataset {data}: {rows:N0} rows; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var expected = table.Measure("engine reference (direct)", () => EngineReference.Compute(data));

        var database = Path.Combine(work, "bench.db");
        foreach (var file in Directory.EnumerateFiles(work, "bench.db*"))
        {
            File.Delete(file);
        }

        var overrides = new Dictionary<string, string?>();
        if (options.IngestionConcurrency is { } ingestionConcurrency)
        {
            overrides["StoreMonitor:IngestionConcurrency"] = ingestionConcurrency.ToString(CultureInfo.InvariantCulture);
        }

        if (options.ReportConcurrency is { } reportConcurrency)
        {
            overrides["StoreMonitor:ReportConcurrencyPerPartition"] = reportConcurrency.ToString(CultureInfo.InvariantCulture);
        }

        var settings = new ConfigurationBuilder().AddInMemoryCollection(overrides).Build();
        var effective = new ServiceCollection().AddStoreMonitorOptions(settings);
        Console.WriteLine($"ingestion concurrency {IngestionOptions.Bind(settings).IngestionConcurrency}, report concurrency per partition {effective.Silo.ReportConcurrencyPerPartition}");
        IngestionSummary? ingested = null;
        byte[] warm;
        await using (var silo = await BenchSilo.StartAsync(database, settings))
        {
            ingested = await table.MeasureAsync(IngestPhase, () => IngestAsync(silo, data, "ingest"), rows);
            warm = await table.MeasureAsync(WarmPhase, () => ReportAsync(silo, "warm"));
            // The runner skips a file whose size and modification time are as recorded: this times a run that
            // finds nothing new, the periodic check's path, not a re-read of the rows.
            var again = await table.MeasureAsync(NothingNewPhase, () => IngestAsync(silo, data, "nothing new"));
            Console.WriteLine($"nothing new: {again.Files.Count(file => file.Unchanged)} of {again.Files.Length} files unchanged, {again.Files.Sum(file => file.RowsRead):N0} rows read, {again.StoresUpdated:N0} stores updated");
        }

        byte[] cold;
        await using (var silo = await table.MeasureAsync(RestartPhase, () => BenchSilo.StartAsync(database, settings)))
        {
            cold = await table.MeasureAsync(ColdPhase, () => ReportAsync(silo, "cold"));
        }

        table.Print(Console.Out);
        Console.WriteLine($"stores updated {ingested.StoresUpdated:N0}; report rows {CountLines(warm) - 1:N0}; database {new FileInfo(database).Length / 1048576.0:F1} MB");
        var matches = ReportCheck.Matches("warm", warm, expected) & ReportCheck.Matches("cold", cold, expected);
        PrintRows(options, benchmarkRun, table, matches);
        return matches ? 0 : 1;
    }

    private static void PrintRows(BenchOptions options, BenchmarkRun benchmarkRun, PhaseTable table, bool matches)
    {
        if (!matches)
        {
            // Figures of a service that computed the wrong report are not benchmark figures.
            Console.WriteLine("no rows for docs/BENCHMARKS.md: a report differs from the engine's");
            return;
        }

        var rows = new BenchmarkTable(BenchmarkScenario.Service, BenchmarkDataset.Of(options), benchmarkRun);
        foreach (var (figure, phase) in new[] { (BenchmarkFigures.Service.Ingest, IngestPhase), (BenchmarkFigures.Service.WarmReport, WarmPhase), (BenchmarkFigures.Service.ColdReport, ColdPhase) })
        {
            var elapsed = table[phase].Elapsed;
            rows.Add(figure, MeasuredValue.Seconds(elapsed), elapsed.TotalSeconds);
        }

        var peak = ServicePhases.Max(phase => table[phase].PeakBytes);
        rows.Add(BenchmarkFigures.Service.PeakRss, MeasuredValue.Memory(peak), peak);
        rows.Print(Console.Out);
    }

    private static async Task<IngestionSummary> IngestAsync(BenchSilo silo, string data, string step)
    {
        var run = await silo.IngestionRunner.TryBeginAsync(data) ?? throw new InvalidOperationException("ingestion lease is held");
        // The runner reports no counts while it runs: the bar shows that it is working and for how long.
        var summary = await WorkProgress.RunAsync(Console.Out, step, null, "", _ => silo.IngestionRunner.RunAsync(run, CancellationToken.None));
        return summary.Error is null ? summary : throw new InvalidOperationException($"ingestion failed: {summary.Error}");
    }

    private static async Task<byte[]> ReportAsync(BenchSilo silo, string name)
    {
        var id = $"bench-{name}-{Guid.NewGuid():N}";
        var report = silo.Grains.GetGrain<IReportGrain>(id);
        await report.Start(new ReportRequest(null));
        var status = await WorkProgress.RunAsync(Console.Out, $"report, {name}", await StoreCountAsync(silo), "stores", async storesDone =>
        {
            ReportStatus current;
            while ((current = await report.GetStatus()).State == ReportState.Running)
            {
                storesDone(current.StoresDone);
                await Task.Delay(20);
            }

            return current;
        });

        return status.State == ReportState.Complete
            ? (await ReportFile.ReadAllAsync(silo.Grains, id))!
            : throw new InvalidOperationException($"report {name} {status.State}: {status.Error}");
    }

    private static async Task<double> StoreCountAsync(BenchSilo silo)
    {
        var overviews = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => silo.Grains.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        return overviews.Sum(overview => overview.StoreCount);
    }

    private static long CountRows(string data) =>
        Directory.EnumerateFiles(data, "*.csv").Sum(file => File.ReadLines(file).LongCount() - 1);

    private static int CountLines(byte[] csv) => csv.Count(b => b == (byte)'\n');
}
