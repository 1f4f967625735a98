using System.Globalization;
using StoreMonitor.Bench.Generation;

namespace StoreMonitor.Bench.Service;

/// <summary>The options the service benchmarks share: the dataset to generate or read, where to work, and concurrency overrides.</summary>
public sealed record BenchOptions(int Stores, int Days, int Seed, string? DataDirectory, string? WorkDirectory, bool Keep, int? IngestionConcurrency = null, int? ReportConcurrency = null)
{
    public static bool TryParse(string[] args, out BenchOptions options, out string? error)
    {
        options = new BenchOptions(14_000, 8, 42, null, null, false);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--stores" => options with { Stores = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--days" => options with { Days = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--data" => options with { DataDirectory = Path.GetFullPath(Value()) },
                    "--work" => options with { WorkDirectory = Path.GetFullPath(Value()) },
                    "--keep" => options with { Keep = true },
                    "--ingest-concurrency" => options with { IngestionConcurrency = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--report-concurrency" => options with { ReportConcurrency = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    _ => throw new FormatException($"unknown option '{args[i]}'"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the dataset these options name (stores, days, seed) into <paramref name="directory"/>; the generator's exit code.</summary>
    internal int Generate(string directory, TextWriter output) => GenerateCommand.Run(
        ["--out", directory, "--stores", Stores.ToString(CultureInfo.InvariantCulture), "--days", Days.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture)],
        output,
        Console.Error);
}
