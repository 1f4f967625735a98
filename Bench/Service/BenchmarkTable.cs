namespace StoreMonitor.Bench.Service;

/// <summary>
/// The rows of one run for its scenario's table in <c>docs/BENCHMARKS.md</c>, in that table's columns, printed at
/// the end of the run so that figures are pasted into the document rather than copied by hand. Each row carries
/// its target for the dataset and whether the run met it.
/// </summary>
public sealed class BenchmarkTable(BenchmarkScenario scenario, BenchmarkDataset? dataset, BenchmarkRun run)
{
    private const string None = "—";

    private readonly List<string> _rows = [];

    /// <summary>The heading of the scenario's section in <c>docs/BENCHMARKS.md</c>, without its "## ".</summary>
    public static string Section(BenchmarkScenario scenario) => scenario switch
    {
        BenchmarkScenario.Service => "Embedded service (`service`)",
        BenchmarkScenario.Hourly => "Hourly refreshes (`hourly`)",
        BenchmarkScenario.SharedReports => "Identical reports (`shared-reports`)",
        BenchmarkScenario.Host => "Embedded service through the API host (`host`)",
        BenchmarkScenario.Live => "Live events (`live-latency`)",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    /// <summary>The header line of the scenario's table: <c>shared-reports</c> is measured on one size, so it has no stores column.</summary>
    public static string Header(BenchmarkScenario scenario) => scenario == BenchmarkScenario.SharedReports
        ? "| figure | measured | target | met | commit | date | load |"
        : "| stores | figure | measured | target | met | commit | date | load |";

    /// <summary>"yes" when every measured value is within the target's bound, "no" when one is not, "—" when there is nothing to decide.</summary>
    public static string Met(BenchmarkTarget? target, IReadOnlyCollection<double> measured) =>
        target is null || (target.AtMost is null && target.AtLeast is null) || measured.Count == 0 ? None
        : measured.All(value => value <= (target.AtMost ?? double.PositiveInfinity) && value >= (target.AtLeast ?? double.NegativeInfinity)) ? "yes"
        : "no";

    /// <summary>The stores cell: the dataset as the tables name it, "in process" for <c>service</c>, to tell its figures from those through the API host (<c>host</c>).</summary>
    public static string StoresCell(BenchmarkScenario scenario, BenchmarkDataset? dataset)
    {
        var label = dataset?.Label ?? "`--data`";
        return scenario == BenchmarkScenario.Service ? $"{label}, in process" : label;
    }

    /// <summary>
    /// One figure's row. <paramref name="measured"/> is the cell as the table writes it; <paramref name="values"/>
    /// are the same figures in the target's unit (seconds or bytes), which decide whether it was met.
    /// </summary>
    public static string Row(BenchmarkScenario scenario, BenchmarkDataset? dataset, string figure, string measured, IReadOnlyCollection<double> values, BenchmarkRun run)
    {
        var target = BenchmarkTargets.Find(scenario, dataset, figure);
        string[] cells = [figure, measured, target?.Text ?? None, Met(target, values), run.CommitCell, run.DateCell, run.LoadCell];
        return scenario == BenchmarkScenario.SharedReports
            ? $"| {string.Join(" | ", cells)} |"
            : $"| {StoresCell(scenario, dataset)} | {string.Join(" | ", cells)} |";
    }

    public void Add(string figure, string measured, params IReadOnlyCollection<double> values) =>
        _rows.Add(Row(scenario, dataset, figure, measured, values, run));

    public void Print(TextWriter output)
    {
        var header = Header(scenario);
        output.WriteLine();
        // The dataset is named here too: the shared-reports table has no column for it.
        output.WriteLine($"rows for docs/BENCHMARKS.md, \"{Section(scenario)}\" (dataset {dataset?.Label ?? "from --data"}):");
        output.WriteLine(header);
        output.WriteLine(string.Concat(Enumerable.Repeat("|---", header.Count(c => c == '|') - 1)) + "|");
        foreach (var row in _rows)
        {
            output.WriteLine(row);
        }

        output.WriteLine();
    }
}
