using StoreMonitor.Bench.Live;

namespace StoreMonitor.Tests.Bench;

/// <summary>The options of <c>Bench live-latency</c>: the defaults, and a clear refusal naming a bad option.</summary>
public sealed class LiveLatencyOptionsTests
{
    [Fact]
    public void Without_options_it_pushes_14k_stores_in_batches_of_1000()
    {
        Assert.True(LiveLatencyOptions.TryParse([], out var options, out var error), error);

        Assert.Equal(new LiveLatencyOptions(14_000, 1_000, 0.7, 0.3, 42, null, false, WarmupRounds: 10, LivePath.Http, Publishers: 64), options);
    }

    [Fact]
    public void Every_option_is_read_in_any_order()
    {
        Assert.True(LiveLatencyOptions.TryParse(["--batch", "500", "--stores", "2000", "--inactive-share", "1", "--open-share", "0.25", "--seed", "7", "--keep", "--warmup-rounds", "0", "--via", "nats", "--publishers", "16"], out var options, out var error), error);

        Assert.Equal(new LiveLatencyOptions(2_000, 500, 0.25, 1, 7, null, true, WarmupRounds: 0, LivePath.Nats, Publishers: 16), options);
    }

    [Theory]
    [InlineData(new[] { "--stores", "0" }, "--stores needs a positive whole number, not '0'")]
    [InlineData(new[] { "--batch", "-5" }, "--batch needs a positive whole number, not '-5'")]
    [InlineData(new[] { "--open-share", "1.5" }, "--open-share needs a share from 0 to 1, not '1.5'")]
    [InlineData(new[] { "--inactive-share" }, "--inactive-share needs a value")]
    [InlineData(new[] { "--warmup-rounds", "51" }, "--warmup-rounds needs a whole number from 0 to 50, not '51'")]
    [InlineData(new[] { "--via", "kafka" }, "--via needs 'http' or 'nats', not 'kafka'")]
    [InlineData(new[] { "--publishers", "0" }, "--publishers needs a positive whole number, not '0'")]
    [InlineData(new[] { "--days", "2" }, "unknown option '--days'")]
    public void A_bad_option_is_refused_with_its_name_and_rule(string[] args, string expected)
    {
        Assert.False(LiveLatencyOptions.TryParse(args, out _, out var error));

        Assert.Equal(expected, error);
    }
}
