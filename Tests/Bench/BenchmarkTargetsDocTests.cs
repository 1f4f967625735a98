using StoreMonitor.Bench.Service;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Bench;

/// <summary>
/// The printed rows are pasted into docs/BENCHMARKS.md, so its tables must have the columns the commands print and
/// state the targets the commands check against.
/// </summary>
public sealed class BenchmarkTargetsDocTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(ClusterScript.RepositoryRoot, "docs", "BENCHMARKS.md"));

    [Theory]
    [InlineData(BenchmarkScenario.Service)]
    [InlineData(BenchmarkScenario.Hourly)]
    [InlineData(BenchmarkScenario.SharedReports)]
    [InlineData(BenchmarkScenario.Host)]
    public void The_scenario_table_has_the_columns_the_command_prints(BenchmarkScenario scenario) =>
        Assert.Equal(BenchmarkTable.Header(scenario), TableLines(scenario).First());

    [Fact]
    public void Every_target_in_code_is_the_one_the_document_gives()
    {
        var targets = BenchmarkTargets.All.ToList();
        Assert.NotEmpty(targets);
        foreach (var (scenario, dataset, figure, target) in targets)
        {
            var leading = scenario == BenchmarkScenario.SharedReports ? new[] { figure } : new[] { BenchmarkTable.StoresCell(scenario, dataset), figure };
            var rows = TableLines(scenario).Select(Cells).Where(cells => cells.Take(leading.Length).SequenceEqual(leading)).ToList();
            var row = Assert.Single(rows);
            Assert.Equal(target.Text, row[leading.Length + 1]);
        }
    }

    private static IEnumerable<string> TableLines(BenchmarkScenario scenario)
    {
        var heading = $"\n## {BenchmarkTable.Section(scenario)}\n";
        var start = Document.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/BENCHMARKS.md has no section \"{BenchmarkTable.Section(scenario)}\"");
        var end = Document.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        var section = Document[start..(end < 0 ? Document.Length : end)];
        return section.Split('\n').SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|'));
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(cell => cell.Trim())];
}
