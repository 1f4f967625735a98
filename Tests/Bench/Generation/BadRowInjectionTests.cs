using System.Text.RegularExpressions;

using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Bench.Generation;

public sealed class BadRowInjectionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    public void Bad_rows_option_writes_exactly_that_many_malformed_lines(int count)
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "40", "--days", "2", "--bad-rows", count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(count, MalformedLines(run).Count);
    }

    [Fact]
    public void The_printed_line_numbers_are_where_the_bad_rows_are()
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "40", "--days", "2", "--bad-rows", "16");

        var printed = Regex.Matches(run.Output, @"^bad row  (?<file>[a-z_]+\.csv):(?<line>\d+): ", RegexOptions.Multiline)
            .Select(m => (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Order()
            .ToList();
        Assert.Equal(MalformedLines(run).Order().ToList(), printed);
    }

    [Fact]
    public void Bad_rows_come_in_assorted_kinds_across_all_three_files()
    {
        var run = GeneratorRun.Start(_temp.Path, "--stores", "40", "--days", "2", "--bad-rows", "8");

        var files = MalformedLines(run).Select(m => m.File).Distinct().Order().ToList();
        Assert.Equal(["menu_hours.csv", "store_status.csv", "timezones.csv"], files);
        foreach (var kind in new[] { "bad timestamp", "unknown status", "missing field", "day out of range", "time out of range" })
        {
            Assert.Contains($": {kind}: ", run.Output, StringComparison.Ordinal);
        }
    }

    private static List<(string File, int Line)> MalformedLines(GeneratorRun run)
    {
        var checks = new (string File, Func<string, bool> IsValid)[]
        {
            ("store_status.csv", StrictRowCheck.IsValidPoll),
            ("menu_hours.csv", StrictRowCheck.IsValidHours),
            ("timezones.csv", StrictRowCheck.IsValidZone),
        };
        var malformed = new List<(string File, int Line)>();
        foreach (var (file, isValid) in checks)
        {
            var lines = run.Lines(file);
            for (var i = 1; i < lines.Length; i++)
            {
                if (!isValid(lines[i]))
                {
                    malformed.Add((file, i + 1));
                }
            }
        }

        return malformed;
    }

    public void Dispose() => _temp.Dispose();
}
