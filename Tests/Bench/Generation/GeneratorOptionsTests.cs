using System.Text.RegularExpressions;

using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Bench.Generation;

public sealed class GeneratorOptionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Int64_id_style_writes_positive_64_bit_integer_ids()
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "30", "--days", "1", "--id-style", "int64");

        var ids = run.Rows("store_status.csv").Select(r => r[0]).Distinct().ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(long.TryParse(id, out var n) && n > 0, id));
    }

    [Fact]
    public void Uuid_id_style_writes_lowercase_version_4_uuids_in_every_file()
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "30", "--days", "1", "--id-style", "uuid");
        var uuid = new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

        foreach (var file in new[] { "store_status.csv", "menu_hours.csv", "timezones.csv" })
        {
            Assert.All(run.Rows(file), row => Assert.Matches(uuid, row[0]));
        }
    }

    [Theory]
    [InlineData("day")]
    [InlineData("dayOfWeek")]
    public void Day_column_option_names_the_weekday_column(string name)
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "10", "--days", "1", "--day-column", name);

        Assert.Equal($"store_id,{name},start_time_local,end_time_local", run.Lines("menu_hours.csv")[0]);
    }

    [Fact]
    public void The_default_weekday_column_is_dayOfWeek()
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "10", "--days", "1");

        Assert.Equal("store_id,dayOfWeek,start_time_local,end_time_local", run.Lines("menu_hours.csv")[0]);
    }

    [Fact]
    public void Polls_end_at_the_given_instant_and_span_the_given_days()
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "50", "--days", "2", "--end", "2024-03-01T12:00:00Z");

        var stamps = run.Rows("store_status.csv").Select(r => r[2]).Order(StringComparer.Ordinal).ToList();
        Assert.True(string.CompareOrdinal(stamps[0], "2024-02-28 12:00:00") >= 0, stamps[0]);
        Assert.True(string.CompareOrdinal(stamps[^1], "2024-03-01 12:00:00") < 0, stamps[^1]);
        Assert.StartsWith("2024-02-29", stamps[stamps.Count / 2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--stores", "10")]
    [InlineData("--out", "x", "--stores", "zero")]
    [InlineData("--out", "x", "--id-style", "guid")]
    [InlineData("--out", "x", "--day-column", "weekday")]
    [InlineData("--out", "x", "--end", "2023-01-25 18:00")]
    [InlineData("--out", "x", "--colour", "blue")]
    [InlineData("--out")]
    [InlineData("--out", "x", "--stores", "1000000", "--days", "366")]
    public void Bad_arguments_are_a_usage_error_that_writes_nothing(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = StoreMonitor.Bench.Generation.GenerateCommand.Run(args, output, errors);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", errors.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists("x"));
    }

    public void Dispose() => _temp.Dispose();
}
