using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public class SpecialHoursCsvTests
{
    private const string File = "special_hours.csv";

    private const string Header = "store_id,date,start_time_local,end_time_local\n";

    private static CollectingSink<SpecialRow> Read(string csv) => Read(csv, out _);

    private static CollectingSink<SpecialRow> Read(string csv, out CsvReadCounts counts)
    {
        var sink = new CollectingSink<SpecialRow>();
        counts = SpecialHoursCsv.Read(new StringReader(csv), File, sink);
        return sink;
    }

    private static SpecialHoursRow Single(string row) => Assert.Single(Read(Header + row + "\n").Rows).Special;

    private static string SingleRejection(string row) => Assert.Single(Read(Header + row + "\n").Rejections).ToString();

    [Fact]
    public void An_open_row_has_its_date_and_times() =>
        Assert.Equal(SpecialHoursRow.Open(new LocalDate(2024, 12, 24), new LocalTime(9, 0), new LocalTime(13, 30)), Single("s1,2024-12-24,09:00,13:30"));

    [Theory]
    [InlineData("closed,closed")]
    [InlineData("CLOSED,Closed")]
    [InlineData("\" closed \",closed")]
    public void Closed_in_both_time_columns_closes_the_date(string times) =>
        Assert.Equal(SpecialHoursRow.ClosedOn(new LocalDate(2024, 12, 25)), Single($"s1,2024-12-25,{times}"));

    [Fact]
    public void An_end_of_twenty_four_hundred_is_midnight_and_an_overnight_row_is_kept_as_written()
    {
        Assert.Equal(LocalTime.Midnight, Single("s1,2024-12-31,18:00,24:00:00").End);
        Assert.Equal(new LocalTime(2, 0), Single("s1,2024-12-31,20:00,02:00").End);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_extra_ones() =>
        Assert.Equal(
            new SpecialRow("s1", SpecialHoursRow.Open(new LocalDate(2025, 1, 1), new LocalTime(12, 0), new LocalTime(16, 0))),
            Assert.Single(Read("note,end_time_local,date,start_time_local,store_id\nNew Year,16:00,2025-01-01,12:00,s1\n").Rows));

    [Theory]
    [InlineData("s1,2024-13-01,09:00,17:00", "special_hours.csv:2: date '2024-13-01' is not a date (yyyy-MM-dd)")]
    [InlineData("s1,2023-02-29,09:00,17:00", "special_hours.csv:2: date '2023-02-29' is not a date (yyyy-MM-dd)")]
    [InlineData("s1,24/12/2024,09:00,17:00", "special_hours.csv:2: date '24/12/2024' is not a date (yyyy-MM-dd)")]
    [InlineData("s1,2024-12-24T00:00,09:00,17:00", "special_hours.csv:2: date '2024-12-24T00:00' is not a date (yyyy-MM-dd)")]
    [InlineData("s1,1899-12-31,09:00,17:00", "special_hours.csv:2: date '1899-12-31' is outside the supported years 1900 to 2199")]
    [InlineData("s1,2024-12-24,closed,17:00", "special_hours.csv:2: start_time_local is 'closed' but end_time_local '17:00': write closed in both time columns to close the date, or two times to open it")]
    [InlineData("s1,2024-12-24,09:00,closed", "special_hours.csv:2: end_time_local is 'closed' but start_time_local '09:00': write closed in both time columns to close the date, or two times to open it")]
    [InlineData("s1,2024-12-24,closed,", "special_hours.csv:2: start_time_local is 'closed' but end_time_local is empty: write closed in both time columns to close the date, or two times to open it")]
    [InlineData("s1,2024-12-24,24:00,17:00", "special_hours.csv:2: start_time_local '24:00': 24:00:00 is only valid as an end time")]
    [InlineData("s1,2024-12-24,09:00,5pm", "special_hours.csv:2: end_time_local '5pm' is not a time of day (HH:MM[:SS[.ffffff]])")]
    [InlineData("s1,2024-12-24,open,17:00", "special_hours.csv:2: start_time_local 'open' is not a time of day (HH:MM[:SS[.ffffff]])")]
    [InlineData(",2024-12-24,09:00,17:00", "special_hours.csv:2: missing store_id")]
    [InlineData("s1,,09:00,17:00", "special_hours.csv:2: missing date")]
    [InlineData("s1,2024-12-24,,17:00", "special_hours.csv:2: missing start_time_local")]
    [InlineData("s1,2024-12-24,09:00", "special_hours.csv:2: wrong number of fields: expected 4, found 3")]
    public void Invalid_rows_are_rejected_with_file_line_and_reason(string row, string rejection) =>
        Assert.Equal(rejection, SingleRejection(row));

    [Fact]
    public void Valid_rows_around_bad_ones_are_all_kept_with_their_line_numbers()
    {
        var sink = Read(Header + "s1,2024-12-24,09:00,13:00\ns1,2024-12-32,09:00,13:00\ns1,2024-12-24,closed,13:00\ns1,2024-12-25,closed,closed\n", out var counts);

        Assert.Equal([new LocalDate(2024, 12, 24), new LocalDate(2024, 12, 25)], sink.Rows.Select(row => row.Special.Date));
        Assert.Equal([3L, 4L], sink.Rejections.Select(rejection => rejection.Line));
        Assert.Equal(new CsvReadCounts(4, 2, 2), counts);
    }

    [Fact]
    public void A_missing_date_column_fails_the_file_naming_it() =>
        Assert.Equal(
            "missing column 'date' (found: store_id, dayOfWeek, start_time_local, end_time_local)",
            Assert.Throws<CsvFileException>(() => Read("store_id,dayOfWeek,start_time_local,end_time_local\n")).Reason);
}
