using System.Text;
using NodaTime;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public class TimeOfDayTextTests
{
    private static ParseOutcome Parse(string text, out LocalTime time, out bool endOfDay) =>
        TimeOfDayText.TryParse(Encoding.UTF8.GetBytes(text), out time, out endOfDay);

    [Theory]
    [InlineData("09:30", 9, 30, 0, 0)]
    [InlineData("09:30:15", 9, 30, 15, 0)]
    [InlineData("23:59:59", 23, 59, 59, 0)]
    [InlineData("00:00:00", 0, 0, 0, 0)]
    [InlineData("09:30:15.5", 9, 30, 15, 5_000_000)]
    [InlineData("09:30:15.123456", 9, 30, 15, 1_234_560)]
    [InlineData("09:30:15.1234567", 9, 30, 15, 1_234_567)]
    public void Accepted_formats_read_exactly(string text, int hour, int minute, int second, int tick)
    {
        Assert.Equal(ParseOutcome.Valid, Parse(text, out var time, out var endOfDay));
        Assert.Equal(new LocalTime(hour, minute, second).PlusTicks(tick), time);
        Assert.False(endOfDay);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("24:00:00")]
    [InlineData("24:00:00.000000")]
    public void Twenty_four_hundred_is_the_end_of_the_day_as_midnight(string text)
    {
        Assert.Equal(ParseOutcome.Valid, Parse(text, out var time, out var endOfDay));
        Assert.Equal(LocalTime.Midnight, time);
        Assert.True(endOfDay);
    }

    [Fact]
    public void Digits_past_the_seventh_that_are_not_zero_are_finer_than_a_tick() =>
        Assert.Equal(ParseOutcome.FinerThanTick, Parse("09:30:15.12345678", out _, out _));

    [Theory]
    [InlineData("25:00")]
    [InlineData("24:00:01")]
    [InlineData("24:30")]
    [InlineData("24:00:00.1")]
    [InlineData("12:60")]
    [InlineData("12:30:60")]
    [InlineData("9:30")]
    [InlineData("09:3")]
    [InlineData("0930")]
    [InlineData("09:30.5")]
    [InlineData("09:30:15.")]
    [InlineData("09:30:15 PM")]
    [InlineData("09:30:")]
    [InlineData("noon")]
    [InlineData("")]
    public void Anything_else_is_malformed(string text) => Assert.Equal(ParseOutcome.Malformed, Parse(text, out _, out _));
}
