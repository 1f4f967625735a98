using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public class TimeZoneCsvTests
{
    private const string File = "timezones.csv";

    private static CollectingSink<ZoneRow> Read(string csv)
    {
        var sink = new CollectingSink<ZoneRow>();
        TimeZoneCsv.Read(new StringReader(csv), File, sink);
        return sink;
    }

    [Fact]
    public void Rows_of_the_real_dataset_are_read() =>
        Assert.Equal(
            [new ZoneRow("8139926242460185114", "Asia/Beirut", 2), new ZoneRow("5415949628544298339", "America/Boise", 3)],
            Read("store_id,timezone_str\r\n8139926242460185114,Asia/Beirut\r\n5415949628544298339,America/Boise\r\n").Rows);

    [Fact]
    public void Columns_may_come_in_any_order() =>
        Assert.Equal(new ZoneRow("s1", "America/Chicago", 2), Assert.Single(Read("timezone_str,store_id\nAmerica/Chicago,s1\n").Rows));

    [Fact]
    public void Unknown_zone_ids_are_passed_on_for_a_later_fallback() =>
        Assert.Equal(new ZoneRow("s1", "Mars/Olympus_Mons", 2), Assert.Single(Read("store_id,timezone_str\ns1,Mars/Olympus_Mons\n").Rows));

    [Fact]
    public void Zone_ids_are_trimmed() =>
        Assert.Equal("America/Chicago", Assert.Single(Read("store_id,timezone_str\ns1, America/Chicago \n").Rows).ZoneId);

    [Fact]
    public void Stores_in_one_zone_share_one_zone_string()
    {
        var rows = Read("store_id,timezone_str\ns1,America/Chicago\ns2,Asia/Beirut\ns3,America/Chicago\n").Rows;

        Assert.Equal(["America/Chicago", "Asia/Beirut", "America/Chicago"], rows.Select(row => row.ZoneId));
        Assert.Same(rows[0].ZoneId, rows[2].ZoneId);
    }

    [Theory]
    [InlineData(",America/Chicago", "missing store_id")]
    [InlineData("s1,", "missing timezone_str")]
    [InlineData("s1", "wrong number of fields: expected 2, found 1")]
    public void Missing_fields_are_rejected(string row, string reason) =>
        Assert.Equal(new RowRejection(File, 3, reason), Assert.Single(Read($"store_id,timezone_str\ns0,UTC\n{row}\ns2,UTC\n").Rejections));

    [Fact]
    public void A_missing_column_fails_the_file() =>
        Assert.Equal(
            "missing column 'timezone_str' (found: store_id, zone)",
            Assert.Throws<CsvFileException>(() => Read("store_id,zone\ns1,UTC\n")).Reason);
}
