using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// Stores with equal weekly hours share one array of them while a run holds them, and each store still ends with
/// exactly the rows the file gave it, in the canonical order: whether its rows come together or scattered, duplicated,
/// or in another order than another store's.
/// </summary>
public sealed class SharedHoursTests
{
    private const string Header = "store_id,dayOfWeek,start_time_local,end_time_local\n";

    [Fact]
    public void Stores_with_the_same_hours_share_one_array_in_the_canonical_order()
    {
        var collector = Read(Header +
            "a,1,09:00:00,17:00:00\na,0,09:00:00,17:00:00\n" +
            "b,0,09:00:00,17:00:00\nb,1,09:00:00,17:00:00\n" +
            "c,0,10:00:00,18:00:00\n" +
            "d,0,09:00:00,17:00:00\n");

        var a = collector.Stores["a"].CanonicalHours();
        Assert.Same(a, collector.Stores["b"].CanonicalHours());
        Assert.Equal([Row(IsoDayOfWeek.Monday, 9, 17), Row(IsoDayOfWeek.Tuesday, 9, 17)], a);
        Assert.Equal([Row(IsoDayOfWeek.Monday, 10, 18)], collector.Stores["c"].CanonicalHours());
        Assert.Equal([Row(IsoDayOfWeek.Monday, 9, 17)], collector.Stores["d"].CanonicalHours());
    }

    [Fact]
    public void A_store_whose_rows_come_back_later_keeps_them_all_and_leaves_the_shared_array_alone()
    {
        var tally = new FileTally(InputFileKind.BusinessHours, "menu_hours.csv");
        var collector = Read(Header +
            "a,0,09:00:00,17:00:00\n" +
            "b,0,09:00:00,17:00:00\n" +
            "a,2,09:00:00,17:00:00\na,0,09:00:00,17:00:00\n" +
            "c,6,08:00:00,09:00:00\n", tally);

        Assert.Equal([Row(IsoDayOfWeek.Monday, 9, 17), Row(IsoDayOfWeek.Wednesday, 9, 17)], collector.Stores["a"].CanonicalHours());
        Assert.Equal([Row(IsoDayOfWeek.Monday, 9, 17)], collector.Stores["b"].CanonicalHours());
        Assert.Equal((4, 1), (tally.Accepted, tally.Duplicates));
    }

    [Fact]
    public void Each_store_of_a_scattered_file_ends_with_the_rows_of_a_store_read_alone()
    {
        var random = new Random(11);
        var rows = new List<string>();
        for (var store = 0; store < 200; store++)
        {
            var days = random.Next(1, 8);
            for (var day = 0; day < days; day++)
            {
                rows.Add($"s{store},{random.Next(0, 7)},{random.Next(0, 12):00}:00:00,{random.Next(12, 24):00}:00:00");
            }
        }

        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var collector = Read(Header + string.Join("\n", shuffled) + "\n");

        foreach (var group in shuffled.GroupBy(row => row.Split(',')[0]))
        {
            var alone = Read(Header + string.Join("\n", group) + "\n");
            Assert.Equal(alone.Stores[group.Key].CanonicalHours(), collector.Stores[group.Key].CanonicalHours());
        }
    }

    private static DatasetCollector Read(string csv, FileTally? tally = null)
    {
        var collector = new DatasetCollector();
        BusinessHoursCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "menu_hours.csv", collector.HoursSink(tally ?? new FileTally(InputFileKind.BusinessHours, "menu_hours.csv")), new Utf8StringPool());
        return collector;
    }

    private static BusinessHoursRow Row(IsoDayOfWeek day, int opens, int closes) => new(day, new LocalTime(opens, 0), new LocalTime(closes, 0));
}
