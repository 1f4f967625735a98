using System.Diagnostics;
using System.Globalization;

namespace StoreMonitor.Bench.Generation;

/// <summary><c>generate</c>: writes a realistic, seeded dataset and says what it wrote.</summary>
public static class GenerateCommand
{
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (!GeneratorOptionsParser.TryParse(args, out var options, out var error))
        {
            errors.WriteLine($"generate: {error}");
            errors.WriteLine(GeneratorOptionsParser.Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var dataset = DatasetGenerator.Generate(options);
        var generated = clock.Elapsed;
        WrittenFile[] files;
        List<PlacedBadRow> badRows;
        try
        {
            (files, badRows) = CsvDatasetWriter.Write(dataset, options.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"generate: cannot write to '{options.OutputDirectory}': {e.Message}");
            return 1;
        }

        var total = clock.Elapsed;

        foreach (var bad in badRows.OrderBy(b => b.File).ThenBy(b => b.Line))
        {
            output.WriteLine($"bad row  {bad}");
        }

        WriteSummary(output, dataset, files, badRows.Count, generated, total);
        return 0;
    }

    private static void WriteSummary(
        TextWriter output, GeneratedDataset dataset, WrittenFile[] files, int badRows, TimeSpan generated, TimeSpan total)
    {
        var tally = dataset.Tally;
        var options = dataset.Options;
        var rows = files.Sum(f => f.Rows);
        var c = CultureInfo.InvariantCulture;
        var start = DateTimeOffset.UnixEpoch.AddTicks(dataset.WindowStartUnixMicros * 10);
        output.WriteLine(string.Create(c, $"""
            generated {tally.Stores} stores, {options.Days} days ({start:yyyy-MM-ddTHH:mm:ssZ} .. {options.EndInstant:yyyy-MM-ddTHH:mm:ssZ}), seed {options.Seed}, ids {options.IdStyle.ToString().ToLowerInvariant()}
              polls            {tally.Polls,12:N0}  ({tally.Polls / (double)Math.Max(1, tally.Stores - tally.StoresNeverPolled) / options.Days:F1} per polled store per day)
              inactive share   {tally.InactiveShare,12:P1}
              missed polls     {tally.MissedShare,12:P1}
              never polled     {tally.StoresNeverPolled,12:N0}  stores
              open 24x7        {tally.StoresOpen24x7,12:N0}  stores (no hours rows)
              without zone     {tally.StoresWithoutZone,12:N0}  stores
              bad rows         {badRows,12:N0}
            """));
        foreach (var file in files)
        {
            output.WriteLine(string.Create(c, $"  {file.Path,-40} {file.Rows,12:N0} rows  {new FileInfo(file.Path).Length / 1_048_576.0,8:F1} MB"));
        }

        output.WriteLine(string.Create(c,
            $"  elapsed {total.TotalSeconds:F2} s (generate {generated.TotalSeconds:F2} s, write {(total - generated).TotalSeconds:F2} s), {rows / Math.Max(total.TotalSeconds, 1e-9):N0} rows/s"));
    }
}
