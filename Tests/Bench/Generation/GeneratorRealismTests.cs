using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Bench.Generation;

/// <summary>One moderate dataset (200 stores, default 8 days), generated once and examined from every side.</summary>
public sealed class ModerateDataset : IDisposable
{
    public const int Stores = 200;
    public const int Days = 8;

    private readonly TempDirectory _temp = new();

    public ModerateDataset()
    {
        Run = GeneratorRun.Start(_temp.Path, "--stores", Stores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Polls = Run.Rows("store_status.csv");
        Hours = Run.Rows("menu_hours.csv");
        Zones = Run.Rows("timezones.csv");
    }

    public GeneratorRun Run { get; }

    public string[][] Polls { get; }

    public string[][] Hours { get; }

    public string[][] Zones { get; }

    public void Dispose() => _temp.Dispose();
}

public sealed class GeneratorRealismTests(ModerateDataset data) : IClassFixture<ModerateDataset>
{
    [Fact]
    public void Every_row_is_valid_when_no_bad_rows_are_asked_for()
    {
        Assert.All(data.Run.Lines("store_status.csv").Skip(1), line => Assert.True(StrictRowCheck.IsValidPoll(line), line));
        Assert.All(data.Run.Lines("menu_hours.csv").Skip(1), line => Assert.True(StrictRowCheck.IsValidHours(line), line));
        Assert.All(data.Run.Lines("timezones.csv").Skip(1), line => Assert.True(StrictRowCheck.IsValidZone(line), line));
    }

    [Fact]
    public void Stores_average_about_16_polls_a_day()
    {
        var perStorePerDay = data.Polls.Length / (double)ModerateDataset.Stores / ModerateDataset.Days;

        Assert.InRange(perStorePerDay, 14, 19);
    }

    [Fact]
    public void Some_stores_are_polled_densely_and_some_sparsely()
    {
        var perStore = data.Polls.GroupBy(p => p[0]).Select(g => g.Count() / (double)ModerateDataset.Days).ToList();

        Assert.Contains(perStore, n => n >= 60);
        Assert.Contains(perStore, n => n <= 8);
    }

    [Fact]
    public void About_8_percent_of_polls_are_inactive()
    {
        var inactive = data.Polls.Count(p => p[1] == "inactive") / (double)data.Polls.Length;

        Assert.InRange(inactive, 0.05, 0.11);
    }

    [Fact]
    public void Outages_usually_last_a_few_polls()
    {
        var runs = new List<int>();
        foreach (var store in data.Polls.GroupBy(p => p[0]))
        {
            var length = 0;
            foreach (var poll in store.OrderBy(p => p[2], StringComparer.Ordinal))
            {
                if (poll[1] == "inactive")
                {
                    length++;
                }
                else if (length > 0)
                {
                    runs.Add(length);
                    length = 0;
                }
            }
        }

        Assert.InRange(runs.Average(), 1.5, 6);
    }

    [Fact]
    public void About_one_store_in_ten_has_no_hours_rows()
    {
        var withHours = data.Hours.Select(h => h[0]).Distinct().Count();
        var share = 1 - (withHours / (double)ModerateDataset.Stores);

        Assert.InRange(share, 0.05, 0.16);
    }

    [Fact]
    public void Hours_include_overnight_rows_and_24_00_ends_and_the_reference_split_shift()
    {
        Assert.Contains(data.Hours, h => string.CompareOrdinal(h[3], h[2]) < 0);
        Assert.Contains(data.Hours, h => h[3] == "24:00:00");
        Assert.Contains(data.Hours, h => h[3] is "23:59:00" or "23:59:59");
        Assert.Contains(data.Hours, h => h[2] == "00:00:00" && string.CompareOrdinal(h[3], "03:00:00") <= 0);
    }

    [Fact]
    public void Some_stores_are_closed_on_some_days()
    {
        var daysOpen = data.Hours.GroupBy(h => h[0]).Select(g => g.Select(h => h[1]).Distinct().Count());

        Assert.Contains(daysOpen, n => n < 7);
    }

    [Fact]
    public void Zones_are_mostly_american_with_odd_and_unknown_ids_and_some_stores_have_none()
    {
        var zones = data.Zones.Select(z => z[1]).ToList();

        Assert.True(zones.Count(z => z.StartsWith("America/", StringComparison.Ordinal)) > zones.Count * 0.9);
        Assert.Equal("America/New_York", zones.GroupBy(z => z).MaxBy(g => g.Count())!.Key);
        Assert.Contains("Mars/Olympus_Mons", zones);
        Assert.Contains("America/Atlantis", zones);
        Assert.Contains("Asia/Kolkata", zones);
        Assert.Contains("America/St_Johns", zones);
        Assert.InRange(ModerateDataset.Stores - zones.Count, 2, 25);
    }

    [Fact]
    public void Polls_are_not_written_in_store_or_time_order()
    {
        var ids = data.Polls.Select(p => p[0]).ToList();
        var stamps = data.Polls.Select(p => p[2]).ToList();

        Assert.NotEqual(ids.Order(StringComparer.Ordinal), ids);
        Assert.NotEqual(stamps.Order(StringComparer.Ordinal), stamps);
    }

    [Fact]
    public void Timestamps_carry_microseconds_and_occasionally_none()
    {
        Assert.Contains(data.Polls, p => p[2].Length == "2023-01-22 12:09:39.388884 UTC".Length);
        Assert.Contains(data.Polls, p => !p[2].Contains('.', StringComparison.Ordinal));
    }
}
