using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Push;

namespace StoreMonitor.Tests.Ingestion.Push;

/// <summary>
/// A pushed body is judged item by item with the rules of <c>store_status.csv</c>: the same reasons, worded the same,
/// whether the poll came as a CSV row, a JSON array item or an NDJSON line.
/// </summary>
public sealed class PollBatchReaderTests
{
    /// <summary>Every way a poll's values can be wrong, as (store_id, status, timestamp_utc) and the reason expected.</summary>
    public static TheoryData<string, string, string, string> BadPolls => new()
    {
        { "", "active", "2023-01-22 12:00:00 UTC", "missing store_id" },
        { "a\u0001b", "active", "2023-01-22 12:00:00 UTC", "store_id contains the control character U+0001" },
        { new string('x', 257), "active", "2023-01-22 12:00:00 UTC", $"store_id '{new string('x', 80)}…' is 257 bytes long; at most 256 are allowed" },
        { "..", "active", "2023-01-22 12:00:00 UTC", "store_id '..' cannot be a store id: a URL cannot name it" },
        { "\u00A0", "active", "2023-01-22 12:00:00 UTC", "missing store_id" },
        { "s", "", "2023-01-22 12:00:00 UTC", "missing status" },
        { "s", "maybe", "2023-01-22 12:00:00 UTC", "status 'maybe' is neither 'active' nor 'inactive'" },
        { "s", "active", "", "missing timestamp_utc" },
        { "s", "active", "2023-02-30 12:00:00 UTC", "timestamp_utc '2023-02-30 12:00:00 UTC' is not a valid UTC timestamp" },
        { "s", "active", "2023-01-22 12:00:00.123456789 UTC", "timestamp_utc '2023-01-22 12:00:00.123456789 UTC' has more than 7 fractional digits (finer than a tick)" },
        { "s", "active", "1899-12-31 23:59:59 UTC", "timestamp_utc '1899-12-31 23:59:59 UTC' is outside the supported years 1900 to 2199" },
    };

    [Theory]
    [MemberData(nameof(BadPolls))]
    public void A_bad_csv_row_is_rejected_with_the_file_readers_reason_and_its_line(string storeId, string status, string timestamp, string reason)
    {
        var body = Csv("good,active,2023-01-22 11:00:00 UTC", $"{Quoted(storeId)},{status},{timestamp}");

        var batch = PollBatchReader.Read(body, PollBatchFormat.Csv);

        Assert.Equal([$"line 3: {reason}"], batch.FirstRejections);
        Assert.Equal(["good"], batch.Polls.Select(poll => poll.StoreId));
        Assert.Equal([$"store_status.csv:3: {reason}"], FileReaderRejections(body));
    }

    [Theory]
    [MemberData(nameof(BadPolls))]
    public void A_bad_json_item_is_rejected_with_the_file_readers_reason_and_its_item_number(string storeId, string status, string timestamp, string reason)
    {
        var body = Encoding.UTF8.GetBytes($"[{JsonPoll("good", "active", "2023-01-22 11:00:00 UTC")}, {JsonPoll(storeId, status, timestamp)}]");

        var batch = PollBatchReader.Read(body, PollBatchFormat.Json);

        Assert.Equal([$"item 2: {reason}"], batch.FirstRejections);
        Assert.Equal(1, batch.Rejected);
        Assert.Equal(["good"], batch.Polls.Select(poll => poll.StoreId));
    }

    [Theory]
    [MemberData(nameof(BadPolls))]
    public void A_bad_ndjson_line_is_rejected_with_the_file_readers_reason_and_its_line(string storeId, string status, string timestamp, string reason)
    {
        var body = Encoding.UTF8.GetBytes($"{JsonPoll("good", "active", "2023-01-22 11:00:00 UTC")}\n\n{JsonPoll(storeId, status, timestamp)}\n");

        var batch = PollBatchReader.Read(body, PollBatchFormat.Ndjson);

        // Line 2 is blank: not an item, but still a line.
        Assert.Equal([$"line 3: {reason}"], batch.FirstRejections);
        Assert.Equal(["good"], batch.Polls.Select(poll => poll.StoreId));
    }

    [Fact]
    public void Invalid_utf8_in_a_csv_id_is_rejected_as_the_file_reader_rejects_it()
    {
        var body = Encoding.UTF8.GetBytes("store_id,status,timestamp_utc\n").Concat(new byte[] { (byte)'a', 0xFF, (byte)',' })
            .Concat(Encoding.UTF8.GetBytes("active,2023-01-22 12:00:00 UTC\n")).ToArray();

        var batch = PollBatchReader.Read(body, PollBatchFormat.Csv);

        Assert.Equal([$"line 2: store_id 'a\uFFFD' is not valid UTF-8"], batch.FirstRejections);
        Assert.Equal(["store_status.csv:2: store_id 'a\uFFFD' is not valid UTF-8"], FileReaderRejections(body));
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_a_json_id_is_not_valid_utf8_rather_than_merged_into_another_id()
    {
        var body = Encoding.UTF8.GetBytes("""[{"store_id": "a\ud800", "status": "active", "timestamp_utc": "2023-01-22T12:00:00Z"}]""");

        var batch = PollBatchReader.Read(body, PollBatchFormat.Json);

        Assert.Empty(batch.Polls);
        Assert.Single(batch.FirstRejections);
        Assert.EndsWith("is not valid UTF-8", batch.FirstRejections[0]);
    }

    [Fact]
    public void Json_values_are_read_as_the_csv_reader_reads_them()
    {
        var body = Encoding.UTF8.GetBytes("""
            [
              {"store_id": " 1001270735057346709 ", "status": " INACTIVE ", "timestamp_utc": "2023-01-22 12:09:39.388884 UTC", "extra": [1, 2]},
              {"store_id": 1001270735057346709, "status": "active", "timestamp_utc": "2023-01-22T13:00:00-05:00"}
            ]
            """);

        var batch = PollBatchReader.Read(body, PollBatchFormat.Json);

        Assert.Equal(
        [
            new PollRow("1001270735057346709", Instant.FromUtc(2023, 1, 22, 12, 9, 39).PlusTicks(3_888_840).ToUnixTimeTicks(), PollStatus.Inactive),
            new PollRow("1001270735057346709", Instant.FromUtc(2023, 1, 22, 18, 0).ToUnixTimeTicks(), PollStatus.Active),
        ], batch.Polls);
        Assert.Empty(batch.FirstRejections);
    }

    [Fact]
    public void One_json_object_is_one_poll()
    {
        var batch = PollBatchReader.Read(Encoding.UTF8.GetBytes(JsonPoll("s", "active", "2023-01-22T12:00:00Z")), PollBatchFormat.Json);

        Assert.Equal(["s"], batch.Polls.Select(poll => poll.StoreId));
    }

    [Theory]
    [InlineData("""[1]""", "item 1: not a JSON object but a number")]
    [InlineData("""[{"store_id": true, "status": "active", "timestamp_utc": "2023-01-22T12:00:00Z"}]""", "item 1: store_id must be a JSON string or integer, not a boolean")]
    [InlineData("""[{"store_id": 1.5, "status": "active", "timestamp_utc": "2023-01-22T12:00:00Z"}]""", "item 1: store_id must be a JSON string or integer, not a number")]
    [InlineData("""[{"store_id": "s", "status": 1, "timestamp_utc": "2023-01-22T12:00:00Z"}]""", "item 1: status must be a JSON string, not a number")]
    [InlineData("""[{"store_id": "s", "status": "active", "timestamp_utc": 1674388800}]""", "item 1: timestamp_utc must be a JSON string, not a number")]
    [InlineData("""[{"store_id": "s", "store_id": "t", "status": "active", "timestamp_utc": "2023-01-22T12:00:00Z"}]""", "item 1: property 'store_id' appears more than once")]
    [InlineData("""[{"store_id": null, "status": "active", "timestamp_utc": "2023-01-22T12:00:00Z"}]""", "item 1: missing store_id")]
    [InlineData("""[{"status": "active", "timestamp_utc": "2023-01-22T12:00:00Z"}]""", "item 1: missing store_id")]
    public void A_json_item_that_cannot_be_a_poll_says_why(string body, string rejection)
    {
        var batch = PollBatchReader.Read(Encoding.UTF8.GetBytes(body), PollBatchFormat.Json);

        Assert.Equal([rejection], batch.FirstRejections);
        Assert.Empty(batch.Polls);
    }

    [Fact]
    public void A_broken_ndjson_line_is_rejected_and_the_lines_after_it_are_kept()
    {
        var body = Encoding.UTF8.GetBytes("{\"store_id\": \"s\", \"status\r\n" + JsonPoll("t", "active", "2023-01-22T12:00:00Z") + "\r\n");

        var batch = PollBatchReader.Read(body, PollBatchFormat.Ndjson);

        Assert.Equal(["t"], batch.Polls.Select(poll => poll.StoreId));
        Assert.Single(batch.FirstRejections);
        Assert.StartsWith("line 1: not valid JSON: line 1, byte ", batch.FirstRejections[0]);
    }

    [Theory]
    [InlineData(PollBatchFormat.Json, "[{\"store_id\": \"s\",", "The body is not valid JSON: line 1, byte")]
    [InlineData(PollBatchFormat.Json, "\"s\"", "The body must be a JSON array of poll objects (or one poll object).")]
    [InlineData(PollBatchFormat.Csv, "store_id,timestamp_utc\ns,2023-01-22 12:00:00 UTC\n", "line 1: missing column 'status' (found: store_id, timestamp_utc)")]
    public void A_body_that_cannot_be_read_as_a_whole_is_refused_whole(PollBatchFormat format, string body, string message)
    {
        var error = Assert.Throws<PollBatchException>(() => PollBatchReader.Read(Encoding.UTF8.GetBytes(body), format));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Rejections_are_all_counted_and_the_first_hundred_kept()
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 150).Select(_ => JsonPoll("s", "maybe", "2023-01-22T12:00:00Z"))) + "]");

        var batch = PollBatchReader.Read(body, PollBatchFormat.Json);

        Assert.Equal(150, batch.Rejected);
        Assert.Equal(PollBatch.RejectionsKept, batch.FirstRejections.Count);
        Assert.Equal("item 100: status 'maybe' is neither 'active' nor 'inactive'", batch.FirstRejections[^1]);
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes("store_id,status,timestamp_utc\n" + string.Concat(rows.Select(row => row + "\n")));

    private static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string JsonPoll(string storeId, string status, string timestamp) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["store_id"] = storeId, ["status"] = status, ["timestamp_utc"] = timestamp });

    /// <summary>What the file reader itself says of the same bytes read as <c>store_status.csv</c>.</summary>
    private static string[] FileReaderRejections(byte[] csv)
    {
        var sink = new Rejections();
        StoreStatusCsv.Read(new MemoryStream(csv), "store_status.csv", sink);
        return [.. sink.All.Select(rejection => rejection.ToString())];
    }

    private sealed class Rejections : IRowSink<PollRow>
    {
        public List<RowRejection> All { get; } = [];

        public void Accept(in PollRow row)
        {
        }

        public void Reject(RowRejection rejection) => All.Add(rejection);
    }
}
