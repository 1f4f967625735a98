using NodaTime;
using StoreMonitor.Bench.Service;

namespace StoreMonitor.Tests.Bench;

/// <summary>The rows the Bench commands print for docs/BENCHMARKS.md: their cells, and the met/not-met decision.</summary>
public sealed class BenchmarkRowTests
{
    private static readonly BenchmarkRun Run = new("abc1234", Dirty: false, new LocalDate(2026, 11, 25), Load: 0.42);
    private static readonly BenchmarkDataset Stores14k = new(14_000, 8);

    [Fact]
    public void A_service_row_has_the_dataset_in_process_the_doc_target_and_the_run()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.Service, Stores14k, BenchmarkFigures.Service.ColdReport, "1.20 s", [1.2], Run);

        Assert.Equal("| 14k, in process | report, cold | 1.20 s | ≤ 1.5 s (issue 17) | yes | `abc1234` | 2026-11-25 | 0.42 |", row);
    }

    [Fact]
    public void An_API_host_row_names_the_dataset_alone_and_decides_the_median_of_the_new_hours()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.Host, Stores14k, BenchmarkFigures.Host.NewHour, "0.90 s, the median of 24 (0.70–1.40 s)", [0.9], Run);

        Assert.Equal("| 14k | new hour appended, `POST /ingestion` → idle | 0.90 s, the median of 24 (0.70–1.40 s) | ≤ 1.0 s, the median of 24 (issue 17) | yes | `abc1234` | 2026-11-25 | 0.42 |", row);
    }

    [Fact]
    public void The_API_host_restart_has_no_target()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.Host, Stores14k, BenchmarkFigures.Host.RestartToReady, "2.10 s", [2.1], Run);

        Assert.Equal("| 14k | restart → ready (`GET /health/ready`) | 2.10 s | — | — | `abc1234` | 2026-11-25 | 0.42 |", row);
    }

    [Fact]
    public void A_figure_over_its_target_is_not_met()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.Hourly, new BenchmarkDataset(140_000, 8), BenchmarkFigures.Hourly.NewHour, "9.80, 15.10 s", [9.8, 15.1], Run);

        Assert.Equal("| 140k | new hour, in process | 9.80, 15.10 s | ≤ 15 s (issue 8), and no slower (issue 22) | no | `abc1234` | 2026-11-25 | 0.42 |", row);
    }

    [Fact]
    public void A_shared_reports_row_has_no_stores_column_and_no_target()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.SharedReports, Stores14k, BenchmarkFigures.SharedReports.AtOnce(50), "5.16 s (2.8× one report)", [5.16], Run);

        Assert.Equal("| 50 identical reports at once | 5.16 s (2.8× one report) | — | — | `abc1234` | 2026-11-25 | 0.42 |", row);
    }

    [Fact]
    public void A_size_without_targets_a_dirty_tree_and_no_load_figure_are_printed_as_such()
    {
        var run = Run with { Dirty = true, Load = null };

        var row = BenchmarkTable.Row(BenchmarkScenario.Service, new BenchmarkDataset(200, 2), BenchmarkFigures.Service.Ingest, "0.31 s", [0.31], run);

        Assert.Equal("| 200 × 2 days, in process | ingest CSV → SQLite | 0.31 s | — | — | `abc1234+dirty` | 2026-11-25 | n/a |", row);
    }

    [Fact]
    public void A_dataset_from_data_has_no_targets_and_an_unknown_commit_is_said()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.Service, null, BenchmarkFigures.Service.Ingest, "4.00 s", [4.0], Run with { Commit = null });

        Assert.Equal("| `--data`, in process | ingest CSV → SQLite | 4.00 s | — | — | unknown | 2026-11-25 | 0.42 |", row);
    }

    [Fact]
    public void A_relative_target_is_printed_but_not_decided()
    {
        var row = BenchmarkTable.Row(BenchmarkScenario.Hourly, Stores14k, BenchmarkFigures.Hourly.InitialIngest, "4.32 s", [4.32], Run);

        Assert.Equal("| 14k | initial ingest | 4.32 s | no slower (issue 22) | — | `abc1234` | 2026-11-25 | 0.42 |", row);
    }

    [Theory]
    [InlineData(new[] { 0.9 }, "yes")]
    [InlineData(new[] { 1.0 }, "yes")]
    [InlineData(new[] { 1.01 }, "no")]
    [InlineData(new[] { 0.7, 0.8, 1.2 }, "no")]
    [InlineData(new[] { 0.7, 0.8, 0.9 }, "yes")]
    [InlineData(new double[0], "—")]
    public void Met_means_every_value_is_within_the_bound(double[] measured, string met) =>
        Assert.Equal(met, BenchmarkTable.Met(new BenchmarkTarget("≤ 1.0 s", 1.0), measured));

    [Fact]
    public void Without_a_target_or_a_bound_nothing_is_met_or_missed()
    {
        Assert.Equal("—", BenchmarkTable.Met(null, [1.0]));
        Assert.Equal("—", BenchmarkTable.Met(new BenchmarkTarget("no slower (issue 22)", null), [1.0]));
    }

    [Theory]
    [InlineData(BenchmarkScenario.Service)]
    [InlineData(BenchmarkScenario.Hourly)]
    [InlineData(BenchmarkScenario.SharedReports)]
    [InlineData(BenchmarkScenario.Host)]
    public void Every_row_has_as_many_cells_as_its_header(BenchmarkScenario scenario)
    {
        var row = BenchmarkTable.Row(scenario, Stores14k, "some figure", "1.00 s", [1.0], Run);

        Assert.Equal(BenchmarkTable.Header(scenario).Count(c => c == '|'), row.Count(c => c == '|'));
    }

    [Fact]
    public void Print_writes_the_header_the_separator_and_the_rows()
    {
        var table = new BenchmarkTable(BenchmarkScenario.SharedReports, Stores14k, Run);
        table.Add(BenchmarkFigures.SharedReports.OneReport, "1.85 s", 1.85);
        using var output = new StringWriter();

        table.Print(output);

        string[] expected =
        [
            "",
            "rows for docs/BENCHMARKS.md, \"Identical reports (`shared-reports`)\" (dataset 14k):",
            "| figure | measured | target | met | commit | date | load |",
            "|---|---|---|---|---|---|---|",
            "| 1 report | 1.85 s | — | — | `abc1234` | 2026-11-25 | 0.42 |",
            "",
        ];
        Assert.Equal(expected, output.ToString().Split(Environment.NewLine)[..^1]);
    }

    [Theory]
    [InlineData(14_000, 8, "14k")]
    [InlineData(140_000, 8, "140k")]
    [InlineData(1_000_000, 2, "1M × 2 days")]
    [InlineData(200, 1, "200 × 1 day")]
    [InlineData(1_500, 8, "1,500")]
    public void A_dataset_is_named_as_the_tables_name_it(int stores, int days, string label) =>
        Assert.Equal(label, new BenchmarkDataset(stores, days).Label);

    [Fact]
    public void Measured_values_are_written_as_the_tables_write_them()
    {
        Assert.Equal("4.32 s", MeasuredValue.Seconds(TimeSpan.FromSeconds(4.321)));
        Assert.Equal("0.005 s", MeasuredValue.Seconds(TimeSpan.FromSeconds(0.0049), decimals: 3));
        Assert.Equal("1.13, 0.94, 0.85 s", MeasuredValue.Seconds([TimeSpan.FromSeconds(1.13), TimeSpan.FromSeconds(0.94), TimeSpan.FromSeconds(0.85)]));
        Assert.Equal("284 MB", MeasuredValue.Memory(284L * 1024 * 1024));
        Assert.Equal("1.53 GB", MeasuredValue.Memory((long)(1.53 * 1024 * 1024 * 1024)));
        Assert.Equal("1.00 GB", MeasuredValue.Memory(1024L * 1024 * 1024 - 1));
    }

    [Theory]
    [InlineData("0.42 0.30 0.25 1/123 4567\n", 0.42)]
    [InlineData("12.05 9.00 3.10 4/567 8910\n", 12.05)]
    [InlineData("", null)]
    [InlineData("load 1 2", null)]
    public void The_load_is_the_first_field_of_proc_loadavg(string content, double? load) =>
        Assert.Equal(load, LoadAverage.Parse(content));
}
