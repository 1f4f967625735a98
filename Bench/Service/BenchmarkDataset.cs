using System.Globalization;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// The generated dataset a run measured. A dataset read with <c>--data</c> has no size the command knows, so a run
/// on one has no dataset, and so no targets: they are set for the generated sizes only.
/// </summary>
public sealed record BenchmarkDataset(int Stores, int Days)
{
    // The tables name the 8-day datasets by their stores alone ("14k") and give the days of any other ("1M × 2 days").
    private const int TableDays = 8;

    /// <summary>The dataset as the first column of the tables names it.</summary>
    public string Label => Days == TableDays ? Count(Stores) : $"{Count(Stores)} × {Days} {(Days == 1 ? "day" : "days")}";

    internal static BenchmarkDataset? Of(BenchOptions options) =>
        options.DataDirectory is null ? new BenchmarkDataset(options.Stores, options.Days) : null;

    private static string Count(int stores) => stores switch
    {
        >= 1_000_000 when stores % 1_000_000 == 0 => $"{stores / 1_000_000}M",
        >= 1_000 when stores % 1_000 == 0 => $"{stores / 1_000}k",
        _ => stores.ToString("N0", CultureInfo.InvariantCulture),
    };
}
