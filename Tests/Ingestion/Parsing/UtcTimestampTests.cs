using System.Text;
using NodaTime;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

public class UtcTimestampTests
{
    private static readonly Instant Base = Instant.FromUtc(2023, 1, 22, 12, 9, 39);

    private static ParseOutcome Parse(string text, out long ticks) => UtcTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out ticks);

    private static long Ticks(string text)
    {
        Assert.Equal(ParseOutcome.Valid, Parse(text, out var ticks));
        return ticks;
    }

    [Theory]
    [InlineData("2023-01-22 12:09:39 UTC")]
    [InlineData("2023-01-22T12:09:39Z")]
    [InlineData("2023-01-22T12:09:39z")]
    [InlineData("2023-01-22t12:09:39Z")]
    [InlineData("2023-01-22T12:09:39+00:00")]
    [InlineData("2023-01-22T12:09:39-00:00")]
    [InlineData("2023-01-22T12:09:39+0000")]
    [InlineData("2023-01-22T12:09:39+00")]
    [InlineData("2023-01-22 12:09:39 utc")]
    [InlineData("2023-01-22 12:09:39UTC")]
    [InlineData("2023-01-22 12:09:39 Z")]
    [InlineData("2023-01-22 12:09:39")]
    public void Whole_seconds_in_every_format_read_as_the_same_instant(string text) =>
        Assert.Equal(Base.ToUnixTimeTicks(), Ticks(text));

    [Theory]
    [InlineData("2023-01-22 12:09:39.3 UTC", 3_000_000)]
    [InlineData("2023-01-22 12:09:39.38 UTC", 3_800_000)]
    [InlineData("2023-01-22 12:09:39.388 UTC", 3_880_000)]
    [InlineData("2023-01-22 12:09:39.3888 UTC", 3_888_000)]
    [InlineData("2023-01-22 12:09:39.38888 UTC", 3_888_800)]
    [InlineData("2023-01-22 12:09:39.388884 UTC", 3_888_840)]
    [InlineData("2023-01-22 12:09:39.3888841 UTC", 3_888_841)]
    [InlineData("2023-01-22T12:09:39.3888841Z", 3_888_841)]
    [InlineData("2023-01-22T12:09:39.000000000Z", 0)]
    [InlineData("2023-01-22T12:09:39.388884100Z", 3_888_841)]
    public void Fractions_of_up_to_seven_digits_are_exact_ticks(string text, long ticksAfterSecond) =>
        Assert.Equal(Base.ToUnixTimeTicks() + ticksAfterSecond, Ticks(text));

    [Fact]
    public void Digits_past_the_seventh_that_are_not_zero_are_finer_than_a_tick() =>
        Assert.Equal(ParseOutcome.FinerThanTick, Parse("2023-01-22 12:09:39.38888412 UTC", out _));

    [Theory]
    [InlineData("2023-01-22T07:09:39-05:00")]
    [InlineData("2023-01-22T07:09:39-0500")]
    [InlineData("2023-01-22T07:09:39-05")]
    [InlineData("2023-01-22T17:39:39+05:30")]
    [InlineData("2023-01-23T06:09:39+18:00")]
    [InlineData("2023-01-21T23:09:39-13:00")]
    public void Explicit_offsets_are_converted_to_utc(string text) =>
        Assert.Equal(Base.ToUnixTimeTicks(), Ticks(text));

    [Fact]
    public void An_offset_moves_the_date_across_midnight() =>
        Assert.Equal(Instant.FromUtc(2024, 3, 1, 2, 0).ToUnixTimeTicks(), Ticks("2024-02-29T21:00:00-05:00"));

    [Fact]
    public void The_29th_of_february_exists_in_leap_years() =>
        Assert.Equal(Instant.FromUtc(2024, 2, 29, 0, 0).ToUnixTimeTicks(), Ticks("2024-02-29 00:00:00 UTC"));

    [Fact]
    public void The_unix_epoch_is_tick_zero() => Assert.Equal(0, Ticks("1970-01-01T00:00:00Z"));

    [Fact]
    public void Times_before_the_epoch_are_negative() =>
        Assert.Equal(-NodaConstants.TicksPerSecond / 2, Ticks("1969-12-31T23:59:59.5Z"));

    [Theory]
    [InlineData("2023-13-01 00:00:00 UTC")]
    [InlineData("2023-00-01 00:00:00 UTC")]
    [InlineData("2023-02-29 00:00:00 UTC")]
    [InlineData("2023-02-30 00:00:00 UTC")]
    [InlineData("2023-04-31 00:00:00 UTC")]
    [InlineData("2023-01-00 00:00:00 UTC")]
    [InlineData("2023-01-22 24:00:00 UTC")]
    [InlineData("2023-01-22 12:60:00 UTC")]
    [InlineData("2023-01-22 12:09:60 UTC")]
    [InlineData("2023-01-22 12:09 UTC")]
    [InlineData("2023-01-22")]
    [InlineData("2023-1-22 12:09:39 UTC")]
    [InlineData("2023/01/22 12:09:39 UTC")]
    [InlineData("2023-01-22_12:09:39 UTC")]
    [InlineData("2023-01-22 12:09:39. UTC")]
    [InlineData("2023-01-22 12:09:39 EST")]
    [InlineData("2023-01-22 12:09:39 UTCX")]
    [InlineData("2023-01-22T12:09:39+19:00")]
    [InlineData("2023-01-22T12:09:39+05:60")]
    [InlineData("2023-01-22T12:09:39+5:00")]
    [InlineData("2023-01-22T12:09:39+05:00:00")]
    [InlineData("1674389379")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Anything_else_is_malformed(string text) => Assert.Equal(ParseOutcome.Malformed, Parse(text, out _));
}
