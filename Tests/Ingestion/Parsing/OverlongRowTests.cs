using System.Text;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

/// <summary>
/// A row longer than the 1 MiB record limit is one bad row, not the end of its file: it is rejected with its line and
/// the rows after it are read, with their own line numbers, in each of the three files.
/// </summary>
public sealed class OverlongRowTests
{
    private const int Limit = 1 << 20;

    private static readonly string Huge = new('X', 2_100_000);

    public static TheoryData<string> HugeFields => new()
    {
        Huge,                // unquoted
        $"\"{Huge}\"",       // quoted on one line
        $"\"{Huge},\"\"x\"", // quoted with separators and an escaped quote inside
    };

    private static (CollectingSink<TRow> Sink, CsvReadCounts Counts) Read<TRow>(
        Func<Stream, string, IRowSink<TRow>, CsvReadCounts> read, string csv)
    {
        var sink = new CollectingSink<TRow>();
        var counts = read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "file.csv", sink);
        return (sink, counts);
    }

    [Theory]
    [MemberData(nameof(HugeFields))]
    public void An_overlong_poll_row_is_rejected_and_every_later_row_is_kept(string field)
    {
        var csv = "store_id,status,timestamp_utc\ng1,active,2023-01-25 12:00:00 UTC\n"
            + $"{field},active,2023-01-25 12:00:00 UTC\n"
            + "g5,active,2023-01-25 12:00:00 UTC\n"
            + "g6,maybe,2023-01-25 12:00:00 UTC\n";

        var (sink, counts) = Read<PollRow>((s, f, k) => StoreStatusCsv.Read(s, f, k), csv);

        Assert.Equal(["g1", "g5"], sink.Rows.Select(row => row.StoreId));
        Assert.Equal([3L, 5L], sink.Rejections.Select(rejection => rejection.Line));
        Assert.Equal(new RowRejection("file.csv", 3, "the row is longer than 1 MiB (1048576 bytes)"), sink.Rejections[0]);
        Assert.Equal(new CsvReadCounts(4, 2, 2), counts);
        // In file order: g1, the overlong row, g5, the bad status.
        Assert.Equal<object>([sink.Rows[0], 3L, sink.Rows[1], 5L], sink.Events);
    }

    [Theory]
    [MemberData(nameof(HugeFields))]
    public void An_overlong_hours_row_is_rejected_and_the_rest_of_the_snapshot_is_kept(string field)
    {
        var csv = "store_id,dayOfWeek,start_time_local,end_time_local\ns1,0,09:00,17:00\n"
            + $"s2,1,09:00,{field}\r\n"
            + "s3,2,10:00,18:00\r\n";

        var (sink, _) = Read<HoursRow>((s, f, k) => BusinessHoursCsv.Read(s, f, k), csv);

        Assert.Equal(["s1", "s3"], sink.Rows.Select(row => row.StoreId));
        Assert.Equal(3, Assert.Single(sink.Rejections).Line);
    }

    [Theory]
    [MemberData(nameof(HugeFields))]
    public void An_overlong_zone_row_is_rejected_and_the_rest_of_the_snapshot_is_kept(string field)
    {
        var csv = $"store_id,timezone_str\n{field},UTC\ns1,America/Denver\n\ns2,Asia/Kolkata\n";

        var (sink, _) = Read<ZoneRow>((s, f, k) => TimeZoneCsv.Read(s, f, k), csv);

        Assert.Equal([new ZoneRow("s1", "America/Denver", 3), new ZoneRow("s2", "Asia/Kolkata", 5)], sink.Rows);
        Assert.Equal(2, Assert.Single(sink.Rejections).Line);
    }

    [Fact]
    public void Several_overlong_rows_in_a_row_are_each_rejected_with_their_line()
    {
        var csv = "store_id,status,timestamp_utc\n" + $"{Huge}\n{Huge}\r\n{Huge}\n" + "g9,inactive,2023-01-25 12:00:00 UTC";

        var (sink, _) = Read<PollRow>((s, f, k) => StoreStatusCsv.Read(s, f, k), csv);

        Assert.Equal([2L, 3L, 4L], sink.Rejections.Select(rejection => rejection.Line));
        Assert.Equal("g9", Assert.Single(sink.Rows).StoreId);
    }

    [Fact]
    public void A_row_of_exactly_the_limit_is_read()
    {
        var id = new string('7', Limit - ",active,2023-01-25 12:00:00 UTC".Length);
        var csv = $"store_id,status,timestamp_utc\n{id},active,2023-01-25 12:00:00 UTC\n";

        var (sink, _) = Read<PollRow>((s, f, k) => StoreStatusCsv.Read(s, f, k), csv);

        // Read as a record: it is then rejected for its store id, not for its length.
        Assert.Empty(sink.Rows);
        Assert.StartsWith("store_id '7777", Assert.Single(sink.Rejections).Reason);
    }

    [Fact]
    public void An_overlong_line_inside_a_quoted_multiline_field_rejects_that_record()
    {
        var csv = "store_id,status,timestamp_utc\n" + $"\"a\n{Huge}\nb\",active,2023-01-25 12:00:00 UTC\n" + "g5,active,2023-01-25 12:00:00 UTC\n";

        var (sink, _) = Read<PollRow>((s, f, k) => StoreStatusCsv.Read(s, f, k), csv);

        Assert.Equal("g5", Assert.Single(sink.Rows).StoreId);
        var rejection = Assert.Single(sink.Rejections);
        Assert.Equal(2, rejection.Line);
        Assert.Equal("line 3 of the row is longer than 1 MiB (1048576 bytes)", rejection.Reason);
    }

    [Fact]
    public void An_overlong_header_fails_the_file()
    {
        var csv = $"store_id,status,timestamp_utc{Huge}\ng1,active,2023-01-25 12:00:00 UTC\n";

        var error = Assert.Throws<CsvFileException>(() => Read<PollRow>((s, f, k) => StoreStatusCsv.Read(s, f, k), csv));

        Assert.Equal(1, error.Line);
        Assert.Contains("header", error.Reason);
    }

    [Fact]
    public void The_text_reader_path_skips_overlong_rows_too()
    {
        var sink = new CollectingSink<PollRow>();

        StoreStatusCsv.Read(new StringReader($"store_id,status,timestamp_utc\n{Huge}\ng5,active,2023-01-25 12:00:00 UTC\n"), "file.csv", sink);

        Assert.Equal("g5", Assert.Single(sink.Rows).StoreId);
        Assert.Equal(2, Assert.Single(sink.Rejections).Line);
    }

    [Fact]
    public void Skipping_a_64_MiB_row_keeps_memory_bounded()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sink = new CollectingSink<PollRow>();

        StoreStatusCsv.Read(new LongLineStream(64 * Limit), "file.csv", sink);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2, Assert.Single(sink.Rejections).Line);
        Assert.Equal("g5", Assert.Single(sink.Rows).StoreId);
        Assert.True(allocated < 12 * Limit, $"{allocated:N0} bytes allocated to skip a 64 MiB row");
    }

    /// <summary>A header, one row of <c>length</c> bytes produced on the fly (never held anywhere), and a valid row.</summary>
    private sealed class LongLineStream(long length) : Stream
    {
        private static readonly byte[] Head = "store_id,status,timestamp_utc\n"u8.ToArray();
        private static readonly byte[] Tail = "\ng5,active,2023-01-25 12:00:00 UTC\n"u8.ToArray();
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => Head.Length + length + Tail.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && position < Length)
            {
                var target = buffer[written..];
                if (position < Head.Length)
                {
                    written += Copy(Head.AsSpan((int)position), target);
                }
                else if (position < Head.Length + length)
                {
                    var count = (int)Math.Min(target.Length, Head.Length + length - position);
                    target[..count].Fill((byte)'X');
                    position += count;
                    written += count;
                }
                else
                {
                    written += Copy(Tail.AsSpan((int)(position - Head.Length - length)), target);
                }
            }

            return written;
        }

        private int Copy(ReadOnlySpan<byte> source, Span<byte> target)
        {
            var count = Math.Min(source.Length, target.Length);
            source[..count].CopyTo(target);
            position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
