using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// <c>shared-reports</c>: what N identical reports triggered at once cost compared with one. Ingests a dataset,
/// times one report, then N concurrent reports with another report time (so nothing finished can be reused),
/// then N more with that same time once it is done, checks every CSV against the engine, and ends with the rows of
/// its table in <c>docs/BENCHMARKS.md</c>.
/// </summary>
internal static class SharedReportsBenchmarkCommand
{
    private const string Usage = """
        usage: shared-reports [--stores N] [--days D] [--seed S] [--data DIR] [--work DIR] [--reports N]
          --reports N   identical reports triggered at once (default 50)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var reports = 50;
        var index = Array.IndexOf(args, "--reports");
        if (index >= 0 && index + 1 < args.Length)
        {
            reports = int.Parse(args[index + 1], CultureInfo.InvariantCulture);
            args = [.. args[..index], .. args[(index + 2)..]];
        }

        if (!BenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"shared-reports: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var benchmarkRun = await BenchmarkRun.CaptureAsync();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"storemonitor-shared-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, work, reports, benchmarkRun);
        }
        finally
        {
            if (options.WorkDirectory is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, string work, int reports, BenchmarkRun benchmarkRun)
    {
        var table = new PhaseTable();
        var data = options.DataDirectory ?? Path.Combine(work, "data");
        if (options.DataDirectory is null)
        {
            Directory.CreateDirectory(data);
            options.Generate(data, TextWriter.Null);
        }

        var database = Path.Combine(work, "shared.db");
        foreach (var file in Directory.EnumerateFiles(work, "shared.db*"))
        {
            File.Delete(file);
        }

        var settings = new ConfigurationBuilder().Build();
        var effective = new ServiceCollection().AddStoreMonitorOptions(settings);
        Console.WriteLine($"dataset {data}; {reports} identical reports; max concurrent reports {effective.Silo.MaxConcurrentReports}; {Environment.ProcessorCount} cores");
        await using var silo = await BenchSilo.StartAsync(database, settings);
        var run = await silo.IngestionRunner.TryBeginAsync(data) ?? throw new InvalidOperationException("ingestion lease is held");
        var ingested = await silo.IngestionRunner.RunAsync(run, CancellationToken.None);
        if (ingested.Error is not null)
        {
            throw new InvalidOperationException($"ingestion failed: {ingested.Error}");
        }

        var latest = await LatestPollAsync(silo);

        var oneAsOf = latest - Duration.FromHours(1);
        var sharedAsOf = latest - Duration.FromHours(2);
        var oneFigure = BenchmarkFigures.SharedReports.OneReport;
        var atOnceFigure = BenchmarkFigures.SharedReports.AtOnce(reports);
        var afterFigure = BenchmarkFigures.SharedReports.AfterTheFirst(reports);
        var one = await table.MeasureAsync(oneFigure, () => ReportsAsync(silo, oneAsOf, 1));
        var concurrent = await table.MeasureAsync(atOnceFigure, () => ReportsAsync(silo, sharedAsOf, reports));
        var finished = await table.MeasureAsync(afterFigure, () => ReportsAsync(silo, sharedAsOf, reports));
        table.Print(Console.Out);

        var ok = Check("1 report", one, EngineReference.Compute(data, oneAsOf));
        var expected = EngineReference.Compute(data, sharedAsOf);
        ok &= Check($"{reports} at once", concurrent, expected) & Check($"{reports} after", finished, expected);
        if (!ok)
        {
            // Figures of a service that computed the wrong report are not benchmark figures.
            Console.WriteLine("no rows for docs/BENCHMARKS.md: a report differs from the engine's");
            return 1;
        }

        var rows = new BenchmarkTable(BenchmarkScenario.SharedReports, BenchmarkDataset.Of(options), benchmarkRun);
        var single = table[oneFigure].Elapsed;
        var atOnce = table[atOnceFigure].Elapsed;
        var after = table[afterFigure].Elapsed;
        rows.Add(oneFigure, MeasuredValue.Seconds(single), single.TotalSeconds);
        // The table puts the N reports beside one: sharing is what the ratio shows.
        rows.Add(atOnceFigure, string.Create(CultureInfo.InvariantCulture, $"{MeasuredValue.Seconds(atOnce)} ({atOnce / single:F1}× one report)"), atOnce.TotalSeconds);
        rows.Add(afterFigure, MeasuredValue.Seconds(after), after.TotalSeconds);
        rows.Print(Console.Out);
        return 0;
    }

    private static async Task<Instant> LatestPollAsync(BenchSilo silo)
    {
        var probe = silo.Grains.GetGrain<IReportGrain>($"probe-{Guid.NewGuid():N}");
        await probe.Start(new ReportRequest(null));
        ReportStatus status;
        while ((status = await probe.GetStatus()).State == ReportState.Running)
        {
            await Task.Delay(20);
        }

        return status.AsOf ?? throw new InvalidOperationException($"probe report {status.State}: {status.Error}");
    }

    private static async Task<byte[][]> ReportsAsync(BenchSilo silo, Instant asOf, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => $"shared-{Guid.NewGuid():N}").ToArray();
        await Task.WhenAll(ids.Select(id => silo.Grains.GetGrain<IReportGrain>(id).Start(new ReportRequest(asOf))));
        return await Task.WhenAll(ids.Select(async id =>
        {
            var report = silo.Grains.GetGrain<IReportGrain>(id);
            ReportStatus status;
            while ((status = await report.GetStatus()).State == ReportState.Running)
            {
                await Task.Delay(20);
            }

            return status.State == ReportState.Complete
                ? (await ReportFile.ReadAllAsync(silo.Grains, id))!
                : throw new InvalidOperationException($"report {id} {status.State}: {status.Error}");
        }));
    }

    private static bool Check(string name, byte[][] actual, byte[] expected)
    {
        var same = actual.All(csv => csv.AsSpan().SequenceEqual(expected));
        Console.WriteLine($"{name}: {actual.Length} CSV(s) {(same ? "all EQUAL to the engine" : "DIFFERENT from the engine")}");
        return same;
    }
}
