using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public class BusinessHoursCsvTests
{
    private const string File = "menu_hours.csv";

    private const string Header = "store_id,dayOfWeek,start_time_local,end_time_local\n";

    private static CollectingSink<HoursRow> Read(string csv) => Read(csv, out _);

    private static CollectingSink<HoursRow> Read(string csv, out CsvReadCounts counts)
    {
        var sink = new CollectingSink<HoursRow>();
        counts = BusinessHoursCsv.Read(new StringReader(csv), File, sink);
        return sink;
    }

    private static BusinessHoursRow SingleHours(string row) => Assert.Single(Read(Header + row + "\n").Rows).Hours;

    private static RowRejection SingleRejection(string row) => Assert.Single(Read(Header + row + "\n").Rejections);

    [Fact]
    public void Rows_of_the_real_dataset_are_read_with_the_day_alias()
    {
        var sink = Read("""
            store_id,day,start_time_local,end_time_local
            1481966498820158979,4,00:00:00,00:10:00
            1481966498820158979,2,11:00:00,23:59:00
            """);

        Assert.Equal(
            [
                new HoursRow("1481966498820158979", new BusinessHoursRow(IsoDayOfWeek.Friday, LocalTime.Midnight, new LocalTime(0, 10))),
                new HoursRow("1481966498820158979", new BusinessHoursRow(IsoDayOfWeek.Wednesday, new LocalTime(11, 0), new LocalTime(23, 59))),
            ],
            sink.Rows);
    }

    [Theory]
    [InlineData("0", IsoDayOfWeek.Monday)]
    [InlineData("1", IsoDayOfWeek.Tuesday)]
    [InlineData("5", IsoDayOfWeek.Saturday)]
    [InlineData("6", IsoDayOfWeek.Sunday)]
    public void Day_zero_is_monday_and_six_is_sunday(string day, IsoDayOfWeek expected) =>
        Assert.Equal(expected, SingleHours($"s1,{day},09:00,17:00").Day);

    [Fact]
    public void Columns_may_come_in_any_order_with_extra_ones() =>
        Assert.Equal(
            new HoursRow("s1", new BusinessHoursRow(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(17, 0))),
            Assert.Single(Read("end_time_local,note,start_time_local,DayOfWeek,store_id\n17:00,x,09:00,0,s1\n").Rows));

    [Fact]
    public void Times_may_be_hours_and_minutes() =>
        Assert.Equal(new LocalTime(9, 30), SingleHours("s1,0,09:30,17:00").Start);

    [Fact]
    public void Times_may_have_microseconds() =>
        Assert.Equal(new LocalTime(9, 30, 15).PlusTicks(1_234_560), SingleHours("s1,0,09:30:15.123456,17:00").Start);

    [Theory]
    [InlineData("24:00")]
    [InlineData("24:00:00")]
    public void An_end_of_twenty_four_hundred_is_midnight(string end) =>
        Assert.Equal(LocalTime.Midnight, SingleHours($"s1,0,09:00,{end}").End);

    [Theory]
    [InlineData("24:00")]
    [InlineData("24:00:00")]
    public void A_start_of_twenty_four_hundred_is_rejected(string start) =>
        Assert.Equal(
            new RowRejection(File, 2, $"start_time_local '{start}': 24:00:00 is only valid as an end time"),
            SingleRejection($"s1,0,{start},23:00"));

    [Fact]
    public void An_hour_past_the_day_is_rejected_naming_field_and_value() =>
        Assert.Equal(
            new RowRejection(File, 2, "start_time_local '25:00' is not a time of day (HH:MM[:SS[.ffffff]])"),
            SingleRejection("s1,0,25:00,23:00"));

    [Fact]
    public void A_bad_end_time_is_rejected_naming_field_and_value() =>
        Assert.Equal(
            "end_time_local '5pm' is not a time of day (HH:MM[:SS[.ffffff]])",
            SingleRejection("s1,0,09:00,5pm").Reason);

    [Fact]
    public void A_time_finer_than_a_tick_is_rejected() =>
        Assert.Equal(
            "end_time_local '17:00:00.123456789' has more than 7 fractional digits (finer than a tick)",
            SingleRejection("s1,0,09:00,17:00:00.123456789").Reason);

    [Theory]
    [InlineData("7")]
    [InlineData("9")]
    [InlineData("-1")]
    [InlineData("Mon")]
    [InlineData("1.0")]
    public void A_day_outside_zero_to_six_is_rejected_naming_field_and_value(string day) =>
        Assert.Equal(
            new RowRejection(File, 2, $"dayOfWeek '{day}' is not 0 (Monday) to 6 (Sunday)"),
            SingleRejection($"s1,{day},09:00,17:00"));

    [Fact]
    public void Reasons_name_the_day_column_as_the_file_does() =>
        Assert.Equal(
            "day '9' is not 0 (Monday) to 6 (Sunday)",
            Assert.Single(Read("store_id,day,start_time_local,end_time_local\ns1,9,09:00,17:00\n").Rejections).Reason);

    [Theory]
    [InlineData(",0,09:00,17:00", "missing store_id")]
    [InlineData("s1,,09:00,17:00", "missing dayOfWeek")]
    [InlineData("s1,0,,17:00", "missing start_time_local")]
    [InlineData("s1,0,09:00,", "missing end_time_local")]
    [InlineData("s1,0,09:00", "wrong number of fields: expected 4, found 3")]
    public void Missing_fields_are_rejected(string row, string reason) =>
        Assert.Equal(new RowRejection(File, 2, reason), SingleRejection(row));

    [Fact]
    public void Valid_rows_around_bad_ones_are_all_kept()
    {
        var sink = Read(Header + "s1,0,09:00,17:00\ns1,8,09:00,17:00\ns1,1,09:00,17:00\ns1,2,24:00,17:00\ns1,3,09:00,24:00\n", out var counts);

        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday], sink.Rows.Select(row => row.Hours.Day));
        Assert.Equal([3L, 5L], sink.Rejections.Select(rejection => rejection.Line));
        Assert.Equal(new CsvReadCounts(5, 3, 2), counts);
    }

    [Fact]
    public void Both_day_and_its_alias_fail_the_file() =>
        Assert.Equal(
            "columns 'dayOfWeek' and 'day' are the same column; keep one of them",
            Assert.Throws<CsvFileException>(() => Read("store_id,day,dayOfWeek,start_time_local,end_time_local\n")).Reason);

    [Fact]
    public void A_missing_day_column_names_it_and_its_alias() =>
        Assert.Equal(
            "missing column 'dayOfWeek' (or 'day') (found: store_id, weekday, start_time_local, end_time_local)",
            Assert.Throws<CsvFileException>(() => Read("store_id,weekday,start_time_local,end_time_local\n")).Reason);

    [Fact]
    public void A_header_without_rows_gives_no_rows() => Assert.Empty(Read(Header).Events);
}
