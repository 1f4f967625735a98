using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// <c>hourly</c>: the everyday path of an operator's service. Generates (or takes) a dataset, holds back its last
/// hours, ingests the rest, then replays the held-back hours as hourly refreshes (each appended to
/// <c>store_status.csv</c>, as the hourly refresh of the file does) and refreshes once more with nothing new. Prints per
/// refresh the time, rows/s and the stored bytes per store, checks the final report against the engine, and ends with
/// the rows of its table in <c>docs/BENCHMARKS.md</c>.
/// </summary>
internal static class HourlyBenchmarkCommand
{
    private const string Usage = """
        usage: hourly [--stores N] [--days D] [--seed S] [--data DIR] [--work DIR] [--keep] [--hours H]
          --stores, --days, --seed   dataset to generate (default 14000 stores, 8 days, seed 42)
          --data DIR                 use the CSVs in DIR instead of generating
          --work DIR                 where the dataset and database go (default: a new temp folder)
          --hours H                  hours held back and replayed as refreshes (default 3)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var hours = 3;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--hours" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out hours) && hours > 0)
            {
                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        if (!BenchOptions.TryParse([.. rest], out var options, out var error) || args.Contains("--hours") && hours <= 0)
        {
            Console.Error.WriteLine($"hourly: {error ?? "--hours needs a positive number"}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var benchmarkRun = await BenchmarkRun.CaptureAsync();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"storemonitor-hourly-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, hours, work, benchmarkRun);
        }
        finally
        {
            if (!options.Keep && options.WorkDirectory is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, int hours, string work, BenchmarkRun benchmarkRun)
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

        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        foreach (var file in InputFiles.Find(source).Where(file => file.Key != InputFileKind.StoreStatus))
        {
            File.Copy(file.Value, Path.Combine(data, Path.GetFileName(file.Value)), overwrite: true);
        }

        var polls = Path.Combine(data, "store_status.csv");
        var slices = HoldBack(InputFiles.Find(source)[InputFileKind.StoreStatus], polls, hours);
        Console.WriteLine($"dataset {source}: {new FileInfo(polls).Length / 1048576.0:F0} MB of polls ingested first, then {hours} hourly refreshes of {string.Join(", ", slices.Select(slice => slice.Count.ToString("N0", CultureInfo.InvariantCulture)))} rows; machine: {Environment.ProcessorCount} cores");

        var database = Path.Combine(work, "hourly.db");
        foreach (var file in Directory.EnumerateFiles(work, "hourly.db*"))
        {
            File.Delete(file);
        }

        var overrides = new Dictionary<string, string?>();
        if (options.IngestionConcurrency is { } ingestionConcurrency)
        {
            overrides["StoreMonitor:IngestionConcurrency"] = ingestionConcurrency.ToString(CultureInfo.InvariantCulture);
        }

        var settings = new ConfigurationBuilder().AddInMemoryCollection(overrides).Build();
        var table = new StringBuilder("| refresh | rows | wall time | rows/s | stores updated | stored bytes per store |\n|---|---:|---:|---:|---:|---:|\n");
        await using var silo = await BenchSilo.StartAsync(database, settings);
        var initial = await RefreshAsync(silo, data, database, "initial ingest", CountRows(polls), table);
        var nothingNew = new List<TimeSpan> { (await RefreshAsync(silo, data, database, "nothing new (run)", 0, table)).Elapsed };
        var scan = Stopwatch.StartNew();
        var changed = await silo.IngestionRunner.HasChangesAsync(data);
        scan.Stop();
        table.Append(CultureInfo.InvariantCulture, $"| nothing new (periodic scan: changes={changed}, no run started) | 0 | {scan.Elapsed.TotalSeconds:F3} s | | 0 | |\n");
        var newHours = new List<Refresh>();
        for (var hour = 0; hour < slices.Count; hour++)
        {
            await File.AppendAllLinesAsync(polls, slices[hour]);
            newHours.Add(await RefreshAsync(silo, data, database, $"new hour {hour + 1}", slices[hour].Count, table));
        }

        nothingNew.Add((await RefreshAsync(silo, data, database, "nothing new (run)", 0, table)).Elapsed);
        Console.WriteLine();
        Console.Write(table);

        var expected = EngineReference.Compute(data);
        var id = $"hourly-{Guid.NewGuid():N}";
        await silo.Grains.GetGrain<IReportGrain>(id).Start(new ReportRequest(null));
        ReportStatus status;
        while ((status = await silo.Grains.GetGrain<IReportGrain>(id).GetStatus()).State == ReportState.Running)
        {
            await Task.Delay(20);
        }

        var actual = await ReportFile.ReadAllAsync(silo.Grains, id);
        var same = actual is not null && actual.AsSpan().SequenceEqual(expected);
        Console.WriteLine($"report after the refreshes vs the engine on the whole files: {(same ? "EQUAL" : "DIFFERENT")} (includes run {status.IncludedRunNumber})");
        if (!same)
        {
            // Figures of a service that computed the wrong report are not benchmark figures.
            Console.WriteLine("no rows for docs/BENCHMARKS.md: the report differs from the engine's");
            return 1;
        }

        var rows = new BenchmarkTable(BenchmarkScenario.Hourly, BenchmarkDataset.Of(options), benchmarkRun);
        rows.Add(BenchmarkFigures.Hourly.InitialIngest, MeasuredValue.Seconds(initial.Elapsed), initial.Elapsed.TotalSeconds);
        rows.Add(BenchmarkFigures.Hourly.NothingNewRun, MeasuredValue.Seconds(nothingNew, decimals: 3), [.. nothingNew.Select(each => each.TotalSeconds)]);
        rows.Add(BenchmarkFigures.Hourly.NothingNewScan, MeasuredValue.Seconds(scan.Elapsed, decimals: 3), scan.Elapsed.TotalSeconds);
        rows.Add(BenchmarkFigures.Hourly.NewHour, MeasuredValue.Seconds(newHours.Select(refresh => refresh.Elapsed)), [.. newHours.Select(refresh => refresh.Elapsed.TotalSeconds)]);
        // "No higher" compares with earlier runs, which one run cannot: the row carries no value to decide it.
        var storedBytes = string.Create(CultureInfo.InvariantCulture,
            $"{initial.StoredBytesPerStore:N0} after the initial ingest, {newHours[^1].StoredBytesPerStore:N0} after {hours} new {(hours == 1 ? "hour" : "hours")}");
        rows.Add(BenchmarkFigures.Hourly.StoredBytesPerStore, storedBytes);
        rows.Print(Console.Out);
        return 0;
    }

    /// <summary>One refresh: its wall time, and the average size of the stored store rows once it is done.</summary>
    private readonly record struct Refresh(TimeSpan Elapsed, long StoredBytesPerStore);

    private static async Task<Refresh> RefreshAsync(BenchSilo silo, string data, string database, string name, long rows, StringBuilder table)
    {
        var clock = Stopwatch.StartNew();
        var run = await silo.IngestionRunner.TryBeginAsync(data) ?? throw new InvalidOperationException("ingestion lease is held");
        var summary = await silo.IngestionRunner.RunAsync(run, CancellationToken.None);
        clock.Stop();
        if (summary.Error is not null)
        {
            throw new InvalidOperationException($"ingestion failed: {summary.Error}");
        }

        var rate = rows > 0 ? (rows / clock.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "";
        var stored = StoredBytesPerStore(database);
        table.Append(CultureInfo.InvariantCulture, $"| {name} | {rows:N0} | {clock.Elapsed.TotalSeconds:F3} s | {rate} | {summary.StoresUpdated:N0} | {stored:N0} |\n");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {clock.Elapsed.TotalSeconds:F3} s"));
        return new Refresh(clock.Elapsed, stored);
    }

    /// <summary>Writes the polls before the last <paramref name="hours"/> hours to <paramref name="target"/>; returns the rows of each held-back hour.</summary>
    private static List<List<string>> HoldBack(string source, string target, int hours)
    {
        var lines = File.ReadLines(source);
        var header = lines.First();
        var column = Array.FindIndex(header.Split(','), name => name.Trim().Equals("timestamp_utc", StringComparison.OrdinalIgnoreCase));
        long TicksOf(string line) =>
            UtcTimestamp.TryParse(Encoding.UTF8.GetBytes(line.Split(',')[column]), out var ticks) == ParseOutcome.Valid ? ticks : long.MinValue;

        var latest = lines.Skip(1).Max(TicksOf);
        var cut = latest + 1 - (hours * TimeSpan.TicksPerHour);
        var slices = Enumerable.Range(0, hours).Select(_ => new List<string>()).ToList();
        using var output = new StreamWriter(target, append: false, new UTF8Encoding(false));
        output.NewLine = "\n";
        output.WriteLine(header);
        foreach (var line in lines.Skip(1))
        {
            var ticks = TicksOf(line);
            if (ticks < cut)
            {
                output.WriteLine(line);
            }
            else
            {
                slices[(int)((ticks - cut) / TimeSpan.TicksPerHour)].Add(line);
            }
        }

        return slices;
    }

    private static long StoredBytesPerStore(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT COALESCE(AVG(LENGTH(PayloadBinary)), 0) FROM OrleansStorage WHERE GrainTypeString = 'store'";
        return (long)Convert.ToDouble(query.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long CountRows(string file) => File.ReadLines(file).LongCount() - 1;
}
