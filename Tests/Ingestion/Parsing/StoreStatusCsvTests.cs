using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public class StoreStatusCsvTests
{
    private const string File = "store_status.csv";

    private static readonly long Ticks = Instant.FromUtc(2023, 1, 22, 12, 9, 39).ToUnixTimeTicks();

    private static CollectingSink<PollRow> Read(string csv) => Read(csv, out _);

    private static CollectingSink<PollRow> Read(string csv, out CsvReadCounts counts)
    {
        var sink = new CollectingSink<PollRow>();
        counts = StoreStatusCsv.Read(new StringReader(csv), File, sink);
        return sink;
    }

    private static RowRejection SingleRejection(string csv) => Assert.Single(Read(csv).Rejections);

    [Fact]
    public void Rows_of_the_real_dataset_are_read()
    {
        var sink = Read("""
            store_id,status,timestamp_utc
            8419537941919820732,active,2023-01-22 12:09:39.388884 UTC
            54515546588432327,inactive,2023-01-24 09:06:42.605777 UTC
            """);

        Assert.Equal(
            [
                new PollRow("8419537941919820732", Ticks + 3_888_840, PollStatus.Active),
                new PollRow("54515546588432327", Instant.FromUtc(2023, 1, 24, 9, 6, 42).ToUnixTimeTicks() + 6_057_770, PollStatus.Inactive),
            ],
            sink.Rows);
        Assert.Empty(sink.Rejections);
    }

    [Fact]
    public void Counts_say_how_many_rows_were_read_accepted_and_rejected()
    {
        Read("store_id,status,timestamp_utc\n1,active,2023-01-22 12:09:39 UTC\n2,maybe,2023-01-22 12:09:39 UTC\n", out var counts);

        Assert.Equal(new CsvReadCounts(2, 1, 1), counts);
    }

    [Theory]
    [InlineData("2023-01-22 12:09:39 UTC")]
    [InlineData("2023-01-22T12:09:39Z")]
    [InlineData("2023-01-22T12:09:39+00:00")]
    [InlineData("2023-01-22T07:09:39-05:00")]
    public void Every_timestamp_format_reads_as_utc(string timestamp) =>
        Assert.Equal(Ticks, Assert.Single(Read($"store_id,status,timestamp_utc\ns1,active,{timestamp}\n").Rows).UnixTicks);

    [Theory]
    [InlineData("active", PollStatus.Active)]
    [InlineData("ACTIVE", PollStatus.Active)]
    [InlineData("  Active ", PollStatus.Active)]
    [InlineData("inactive", PollStatus.Inactive)]
    [InlineData(" InActive\t", PollStatus.Inactive)]
    [InlineData("\" inactive \"", PollStatus.Inactive)]
    public void Status_ignores_case_and_surrounding_spaces(string status, PollStatus expected) =>
        Assert.Equal(expected, Assert.Single(Read($"store_id,status,timestamp_utc\ns1,{status},2023-01-22 12:09:39 UTC\n").Rows).Status);

    [Fact]
    public void Store_ids_are_trimmed() =>
        Assert.Equal("s1", Assert.Single(Read("store_id,status,timestamp_utc\n  s1 ,active,2023-01-22 12:09:39 UTC\n").Rows).StoreId);

    [Fact]
    public void Uuid_store_ids_are_kept_as_written() =>
        Assert.Equal(
            "0003a6c0-9b1e-4f2a-8a9e-1d5c2b7e4f10",
            Assert.Single(Read("store_id,status,timestamp_utc\n0003a6c0-9b1e-4f2a-8a9e-1d5c2b7e4f10,active,2023-01-22 12:09:39 UTC\n").Rows).StoreId);

    [Fact]
    public void Repeated_store_ids_share_one_string()
    {
        var rows = Read("store_id,status,timestamp_utc\n42,active,2023-01-22 12:09:39 UTC\n42,inactive,2023-01-22 13:09:39 UTC\n").Rows;

        Assert.Same(rows[0].StoreId, rows[1].StoreId);
    }

    [Fact]
    public void A_shared_pool_hands_out_the_same_ids_across_files()
    {
        var pool = new Utf8StringPool();
        var first = new CollectingSink<PollRow>();
        var second = new CollectingSink<ZoneRow>();

        StoreStatusCsv.Read(new StringReader("store_id,status,timestamp_utc\n42,active,2023-01-22 12:09:39 UTC\n"), File, first, pool);
        TimeZoneCsv.Read(new StringReader("store_id,timezone_str\n42,America/Chicago\n"), "timezones.csv", second, pool);

        Assert.Same(first.Rows[0].StoreId, second.Rows[0].StoreId);
    }

    [Fact]
    public void Columns_may_come_in_any_order() =>
        Assert.Equal(
            new PollRow("s1", Ticks, PollStatus.Active),
            Assert.Single(Read("timestamp_utc,store_id,status\n2023-01-22 12:09:39 UTC,s1,active\n").Rows));

    [Fact]
    public void Extra_columns_are_ignored() =>
        Assert.Equal(
            new PollRow("s1", Ticks, PollStatus.Active),
            Assert.Single(Read("note,store_id,status,timestamp_utc,source\nx,s1,active,2023-01-22 12:09:39 UTC,y\n").Rows));

    [Fact]
    public void Header_names_ignore_case_and_surrounding_spaces() =>
        Assert.Single(Read(" Store_ID , STATUS ,Timestamp_UTC\ns1,active,2023-01-22 12:09:39 UTC\n").Rows);

    [Fact]
    public void A_byte_order_mark_before_the_header_is_ignored_in_text() =>
        Assert.Single(Read("\uFEFFstore_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC\n").Rows);

    [Fact]
    public void A_byte_order_mark_before_the_header_is_ignored_in_bytes()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC\n")).ToArray();
        var sink = new CollectingSink<PollRow>();

        StoreStatusCsv.Read(new MemoryStream(bytes), File, sink);

        Assert.Equal(new PollRow("s1", Ticks, PollStatus.Active), Assert.Single(sink.Rows));
    }

    [Fact]
    public void Crlf_line_ends_are_read_like_lf()
    {
        var sink = Read("store_id,status,timestamp_utc\r\ns1,active,2023-01-22 12:09:39 UTC\r\ns2,bad,2023-01-22 12:09:39 UTC\r\n");

        Assert.Equal(new PollRow("s1", Ticks, PollStatus.Active), Assert.Single(sink.Rows));
        Assert.Equal(3, Assert.Single(sink.Rejections).Line);
    }

    [Fact]
    public void The_last_row_needs_no_line_end() =>
        Assert.Single(Read("store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC").Rows);

    [Fact]
    public void A_header_without_rows_gives_no_rows()
    {
        var sink = Read("store_id,status,timestamp_utc\n", out var counts);

        Assert.Empty(sink.Events);
        Assert.Equal(new CsvReadCounts(0, 0, 0), counts);
    }

    [Fact]
    public void Blank_lines_are_skipped_without_counting_but_keep_line_numbers()
    {
        var sink = Read("store_id,status,timestamp_utc\n\ns1,active,2023-01-22 12:09:39 UTC\n\r\n\ns2,maybe,2023-01-22 12:09:39 UTC\n\n", out var counts);

        Assert.Equal(new CsvReadCounts(2, 1, 1), counts);
        Assert.Equal(6, Assert.Single(sink.Rejections).Line);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var sink = Read("store_id,status,timestamp_utc,note\n\"a,\"\"b\"\"\",\"active\",\"2023-01-22 12:09:39 UTC\",\"two\nlines\"\ns2,active,2023-01-22 12:09:39 UTC,\n");

        Assert.Equal(["a,\"b\"", "s2"], sink.Rows.Select(row => row.StoreId));
    }

    [Fact]
    public void A_quoted_store_id_with_a_comma_is_one_field() =>
        Assert.Equal("12,34", Assert.Single(Read("store_id,status,timestamp_utc\n\"12,34\",active,2023-01-22 12:09:39 UTC\n").Rows).StoreId);

    [Fact]
    public void A_rejection_after_a_multi_line_record_names_its_own_first_line()
    {
        var sink = Read("store_id,status,timestamp_utc,note\ns1,active,2023-01-22 12:09:39 UTC,\"multi\nline\"\ns2,maybe,2023-01-22 12:09:39 UTC,\"also\nmulti\"\n");

        Assert.Equal(4, Assert.Single(sink.Rejections).Line);
    }

    [Fact]
    public void Valid_rows_around_bad_ones_are_all_kept_in_file_order()
    {
        var sink = Read("""
            store_id,status,timestamp_utc
            s1,active,2023-01-22 12:09:39 UTC
            s2,maybe,2023-01-22 12:09:39 UTC
            s3,inactive,2023-01-22 12:09:39 UTC
            s4,active,not a time
            s5,active
            s6,active,2023-01-22 12:09:39 UTC
            """);

        Assert.Equal(["s1", "s3", "s6"], sink.Rows.Select(row => row.StoreId));
        Assert.Equal([sink.Rows[0], 3L, sink.Rows[1], 5L, 6L, sink.Rows[2]], sink.Events);
    }

    [Fact]
    public void An_unknown_status_is_rejected_naming_field_and_value() =>
        Assert.Equal(
            new RowRejection(File, 2, "status 'maybe' is neither 'active' nor 'inactive'"),
            SingleRejection("store_id,status,timestamp_utc\ns1,maybe,2023-01-22 12:09:39 UTC\n"));

    [Fact]
    public void An_impossible_timestamp_is_rejected_naming_field_and_value() =>
        Assert.Equal(
            new RowRejection(File, 3, "timestamp_utc '2023-13-01 00:00:00 UTC' is not a valid UTC timestamp"),
            Assert.Single(Read("store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC\ns1,active,2023-13-01 00:00:00 UTC\n").Rejections));

    [Theory]
    [InlineData("2500-01-01 00:00:00 UTC")]
    [InlineData("1899-12-31T23:59:59Z")]
    public void A_timestamp_outside_the_supported_years_is_rejected_and_the_rest_kept(string timestamp)
    {
        var sink = Read($"store_id,status,timestamp_utc\ns1,active,{timestamp}\ns1,active,2023-01-22 12:09:39 UTC\n");

        Assert.Equal(new RowRejection(File, 2, $"timestamp_utc '{timestamp}' is outside the supported years 1900 to 2199"), Assert.Single(sink.Rejections));
        Assert.Equal(Ticks, Assert.Single(sink.Rows).UnixTicks);
    }

    [Fact]
    public void The_30th_of_february_is_rejected() =>
        Assert.Equal(
            "timestamp_utc '2023-02-30 00:00:00 UTC' is not a valid UTC timestamp",
            SingleRejection("store_id,status,timestamp_utc\ns1,active,2023-02-30 00:00:00 UTC\n").Reason);

    [Fact]
    public void A_timestamp_finer_than_a_tick_is_rejected() =>
        Assert.Equal(
            "timestamp_utc '2023-01-22 12:09:39.123456789 UTC' has more than 7 fractional digits (finer than a tick)",
            SingleRejection("store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39.123456789 UTC\n").Reason);

    [Fact]
    public void A_missing_store_id_is_rejected() =>
        Assert.Equal(
            new RowRejection(File, 2, "missing store_id"),
            SingleRejection("store_id,status,timestamp_utc\n  ,active,2023-01-22 12:09:39 UTC\n"));

    [Fact]
    public void A_missing_status_is_rejected() =>
        Assert.Equal(
            new RowRejection(File, 2, "missing status"),
            SingleRejection("store_id,status,timestamp_utc\ns1,,2023-01-22 12:09:39 UTC\n"));

    [Fact]
    public void A_missing_timestamp_is_rejected() =>
        Assert.Equal(
            new RowRejection(File, 2, "missing timestamp_utc"),
            SingleRejection("store_id,status,timestamp_utc\ns1,active,\n"));

    [Fact]
    public void A_row_with_too_few_fields_is_rejected_with_both_counts() =>
        Assert.Equal(
            new RowRejection(File, 2, "wrong number of fields: expected 3, found 2"),
            SingleRejection("store_id,status,timestamp_utc\ns1,active\n"));

    [Fact]
    public void A_row_with_too_many_fields_is_rejected_with_both_counts() =>
        Assert.Equal(
            new RowRejection(File, 2, "wrong number of fields: expected 3, found 4"),
            SingleRejection("store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC,\n"));

    [Fact]
    public void A_stray_quote_is_rejected_as_malformed_quoting()
    {
        var rejection = SingleRejection("store_id,status,timestamp_utc\ns\"1,active,2023-01-22 12:09:39 UTC\n");

        Assert.Equal(2, rejection.Line);
        Assert.StartsWith("malformed quoting: a quote inside an unquoted field", rejection.Reason);
    }

    [Fact]
    public void Long_values_are_cut_in_reasons()
    {
        var reason = SingleRejection($"store_id,status,timestamp_utc\ns1,{new string('x', 500)},2023-01-22 12:09:39 UTC\n").Reason;

        Assert.Equal($"status '{new string('x', 80)}…' is neither 'active' nor 'inactive'", reason);
    }

    [Fact]
    public void A_store_id_that_is_not_utf8_is_rejected()
    {
        byte[] bytes = [.. "store_id,status,timestamp_utc\n"u8, .. "s"u8, 0xFF, .. ",active,2023-01-22 12:09:39 UTC\n"u8];
        var sink = new CollectingSink<PollRow>();

        StoreStatusCsv.Read(new MemoryStream(bytes), File, sink);

        Assert.Equal(new RowRejection(File, 2, "store_id 's\uFFFD' is not valid UTF-8"), Assert.Single(sink.Rejections));
    }

    [Fact]
    public void A_missing_column_fails_the_file_naming_file_column_and_header()
    {
        var error = Assert.Throws<CsvFileException>(() => Read("store_id,status,time\ns1,active,2023-01-22 12:09:39 UTC\n"));

        Assert.Equal((File, 1L), (error.File, error.Line));
        Assert.Equal("missing column 'timestamp_utc' (found: store_id, status, time)", error.Reason);
        Assert.Contains(File, error.Message);
    }

    [Fact]
    public void A_duplicate_column_fails_the_file() =>
        Assert.Equal(
            "column 'status' appears more than once in the header",
            Assert.Throws<CsvFileException>(() => Read("store_id,status,timestamp_utc,Status\n")).Reason);

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\r\n")]
    public void An_empty_file_fails_for_want_of_a_header(string csv) =>
        Assert.Equal(
            "the file is empty: a header row is required",
            Assert.Throws<CsvFileException>(() => Read(csv)).Reason);

    [Fact]
    public void A_malformed_header_fails_the_file() =>
        Assert.StartsWith(
            "the header is malformed",
            Assert.Throws<CsvFileException>(() => Read("store_id,\"status\"x,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC\n")).Reason);

    [Fact]
    public void A_quote_that_never_closes_fails_the_file_once_it_outgrows_a_record()
    {
        var csv = "store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC\ns2,\"active,2023-01-22 12:09:39 UTC\n"
            + string.Concat(Enumerable.Repeat("s3,active,2023-01-22 12:09:39 UTC\n", 40_000));
        var sink = new CollectingSink<PollRow>();

        var error = Assert.Throws<CsvFileException>(() => StoreStatusCsv.Read(new StringReader(csv), File, sink));

        Assert.Equal(3, error.Line);
        Assert.Single(sink.Rows);
    }
}
