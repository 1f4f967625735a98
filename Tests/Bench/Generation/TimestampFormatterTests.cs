using StoreMonitor.Bench.Generation;

namespace StoreMonitor.Tests.Bench.Generation;

public sealed class TimestampFormatterTests
{
    [Theory]
    [InlineData("2023-01-22T12:09:39.388884Z", "2023-01-22 12:09:39.388884 UTC")]
    [InlineData("2023-01-21T16:00:49.465440Z", "2023-01-21 16:00:49.46544 UTC")]
    [InlineData("2023-01-25T18:13:22Z", "2023-01-25 18:13:22 UTC")]
    [InlineData("2024-02-29T23:59:59.000001Z", "2024-02-29 23:59:59.000001 UTC")]
    [InlineData("2000-01-01T00:00:00.5Z", "2000-01-01 00:00:00.5 UTC")]
    [InlineData("1969-12-31T23:59:59.999999Z", "1969-12-31 23:59:59.999999 UTC")]
    public void Formats_utc_instants_like_the_reference_file(string iso, string expected)
    {
        var instant = DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
        var micros = (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var buffer = new char[TimestampFormatter.MaxUtcLength];

        var length = TimestampFormatter.FormatUtc(micros, buffer);

        Assert.Equal(expected, new string(buffer, 0, length));
    }

    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(600, "00:10:00")]
    [InlineData(86_340, "23:59:00")]
    [InlineData(86_399, "23:59:59")]
    [InlineData(86_400, "24:00:00")]
    public void Formats_times_of_day_with_24_00_as_the_end_of_the_day(int seconds, string expected)
    {
        var buffer = new char[8];

        TimestampFormatter.FormatTimeOfDay(seconds, buffer);

        Assert.Equal(expected, new string(buffer));
    }
}
