using System.Text;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

/// <summary>
/// A store id must be one the API can name and the report can print: no control characters, not blank, at most
/// <see cref="StoreIds.MaxUtf8Bytes"/> bytes. Each of the three files rejects other ids with file, line and reason.
/// </summary>
public sealed class StoreIdRowTests
{
    private static List<RowRejection> RejectionsOfEveryFile(string storeId)
    {
        var polls = new CollectingSink<PollRow>();
        var hours = new CollectingSink<HoursRow>();
        var zones = new CollectingSink<ZoneRow>();
        StoreStatusCsv.Read(Utf8($"store_id,status,timestamp_utc\nok,active,2023-01-25 12:00:00 UTC\n{storeId},active,2023-01-25 12:00:00 UTC\n"), "store_status.csv", polls);
        BusinessHoursCsv.Read(Utf8($"store_id,dayOfWeek,start_time_local,end_time_local\nok,0,09:00,17:00\n{storeId},0,09:00,17:00\n"), "menu_hours.csv", hours);
        TimeZoneCsv.Read(Utf8($"store_id,timezone_str\nok,UTC\n{storeId},UTC\n"), "timezones.csv", zones);
        var accepted = polls.Rows.Select(row => row.StoreId).Concat(hours.Rows.Select(row => row.StoreId)).Concat(zones.Rows.Select(row => row.StoreId));
        List<RowRejection> rejections = [.. polls.Rejections, .. hours.Rejections, .. zones.Rejections];
        // The valid row of each file is kept, and the row under test is either read as written or rejected.
        Assert.Equal(3, accepted.Count(id => id == "ok"));
        Assert.Equal(3, rejections.Count + accepted.Count(id => id == storeId));
        return rejections;
    }

    private static MemoryStream Utf8(string csv) => new(Encoding.UTF8.GetBytes(csv));

    [Theory]
    [InlineData("a\0b", "U+0000")]
    [InlineData("a\u0001b", "U+0001")]
    [InlineData("a\u001Bb", "U+001B")]
    [InlineData("a\u007Fb", "U+007F")]
    [InlineData("a\u0085b", "U+0085")]
    [InlineData("\"a\nb\"", "U+000A")]
    [InlineData("\"a\rb\"", "U+000D")]
    public void A_store_id_with_a_control_character_is_rejected_in_every_file(string storeId, string code)
    {
        var rejections = RejectionsOfEveryFile(storeId);

        Assert.Equal(["store_status.csv", "menu_hours.csv", "timezones.csv"], rejections.Select(rejection => rejection.File));
        Assert.All(rejections, rejection => Assert.Equal(3, rejection.Line));
        Assert.All(rejections, rejection => Assert.Equal($"store_id contains the control character {code}", rejection.Reason));
    }

    [Fact]
    public void A_store_id_longer_than_the_limit_is_rejected_in_every_file()
    {
        var rejections = RejectionsOfEveryFile(new string('é', 129)); // 258 bytes in UTF-8

        Assert.Equal(3, rejections.Count);
        Assert.All(rejections, rejection => Assert.Equal($"store_id '{new string('é', 80)}…' is 258 bytes long; at most 256 are allowed", rejection.Reason));
    }

    [Fact]
    public void A_store_id_of_exactly_the_limit_is_read()
    {
        var storeId = new string('é', 127) + "xx"; // 256 bytes
        var sink = new CollectingSink<PollRow>();

        StoreStatusCsv.Read(Utf8($"store_id,status,timestamp_utc\n{storeId},active,2023-01-25 12:00:00 UTC\n"), "store_status.csv", sink);

        Assert.Equal(storeId, Assert.Single(sink.Rows).StoreId);
    }

    [Fact]
    public void A_store_id_of_only_unicode_spaces_is_rejected_as_missing()
    {
        var rejections = RejectionsOfEveryFile("\u00A0\u3000");

        Assert.All(rejections, rejection => Assert.Equal("missing store_id", rejection.Reason));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Dot_segments_are_rejected_because_no_url_can_name_them(string storeId) =>
        Assert.All(RejectionsOfEveryFile(storeId), rejection => Assert.Equal($"store_id '{storeId}' cannot be a store id: a URL cannot name it", rejection.Reason));

    [Theory]
    [InlineData("...")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("%2F?#")]
    [InlineData("店舗-1")]
    public void Reserved_and_non_ascii_characters_are_allowed(string storeId) =>
        Assert.Empty(RejectionsOfEveryFile(storeId));
}
