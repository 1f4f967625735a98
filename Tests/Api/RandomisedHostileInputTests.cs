using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// Random report times and store ids, well-formed or not, at the extremes of <see cref="Instant"/> and of the offsets,
/// sent over real HTTP to every endpoint that reads them: whatever comes in, the answer is never a 5xx and never
/// carries a stack trace. The seed is random per run and printed on failure; set ROBUSTNESS_SEED to replay one.
/// </summary>
[Collection(nameof(RobustnessFixture))]
public sealed class RandomisedHostileInputTests(RobustnessFixture fixture)
{
    private const int Samples = 250;

    private static readonly string[] Fixed =
    [
        InstantPattern.ExtendedIso.Format(Instant.MinValue),
        InstantPattern.ExtendedIso.Format(Instant.MaxValue),
        "9999-12-31T23:59:59.999999999-18:00",
        "9999-12-31T23:59:59-14:00",
        "-9998-01-01T00:00:00+18:00",
        "0001-01-01T00:00:00+14:00",
        "0000-01-01T00:00:00Z",
        "1677-09-21T00:12:43.145224191Z",
        "2262-04-11T23:47:16.854775808Z",
        "2199-12-31T23:59:59.999999999-18:00",
        "1900-01-01T00:00:00+18:00",
        "2023-01-25T18:00:00+99:99",
        "2023-01-25 18:00:00 UTC",
        "9999-12-31 23:59:59.999999999 UTC",
        "",
        " ",
        "\0",
        "%",
        "null",
    ];

    private static readonly string Noise = "/%?#&=+ .\\\"'<>{}[]|^`~\t\0\u0001\u007f\u0085\u00a0\u200b\u2028\ufeff\ufffd店é𝄞";

    [Fact]
    public async Task Random_report_times_never_cause_a_server_error()
    {
        var (random, seed) = Seeded();
        var client = fixture.Host.Client;
        foreach (var asOf in Fixed.Concat(Enumerable.Range(0, Samples).Select(_ => RandomAsOf(random))))
        {
            var query = "?as_of=" + Escape(asOf);
            await Check(seed, asOf, () => client.PostAsync("/trigger_report" + query, null));
            await Check(seed, asOf, () => client.PostAsync("/trigger_report", new StringContent(JsonSerializer.Serialize(new { as_of = asOf }), Encoding.UTF8, "application/json")));
            await Check(seed, asOf, () => client.GetAsync("/stores/g5/timeline" + query));
            await Check(seed, asOf, () => client.GetAsync("/stores/a%2Fb/timeline" + query));
        }
    }

    [Fact]
    public async Task Random_store_ids_never_cause_a_server_error()
    {
        var (random, seed) = Seeded();
        var client = fixture.Host.Client;
        for (var i = 0; i < Samples; i++)
        {
            var segment = RandomSegment(random);
            await Check(seed, segment, () => client.GetAsync($"/stores/{segment}"));
            await Check(seed, segment, () => client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/stores/{segment}")));
            await Check(seed, segment, () => client.GetAsync($"/stores/{segment}/timeline?as_of={Escape(RandomAsOf(random))}"));
            // Deleted only behind a prefix no stored id has, and without dot segments, so the shared stores stay.
            if (!segment.Contains('/') && !segment.Contains('.'))
            {
                await Check(seed, segment, () => client.DeleteAsync($"/stores/~r{segment}"));
            }
        }
    }

    private static (Random Random, int Seed) Seeded()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ROBUSTNESS_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        return (new Random(seed), seed);
    }

    private static async Task Check(int seed, string input, Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (UriFormatException)
        {
            return; // the client itself refused to send it
        }

        var body = await response.Content.ReadAsStringAsync();
        var shown = JsonSerializer.Serialize(input);
        Assert.True((int)response.StatusCode < 500, $"seed {seed}: {shown} answered {(int)response.StatusCode}: {body}");
        Assert.False(body.Contains(".cs:line", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal), $"seed {seed}: {shown} leaked a stack trace: {body}");
    }

    /// <summary>Percent-encodes the UTF-8 bytes of any string, lone surrogates included (they become U+FFFD).</summary>
    private static string Escape(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' ? ((char)b).ToString() : $"%{b:X2}"));

    private static string RandomAsOf(Random random) => random.Next(6) switch
    {
        0 => RandomText(random, random.Next(0, 40)),
        1 => Format(RandomInstant(random), RandomOffset(random)),
        2 => Format(Instant.FromUtc(random.Next(1890, 2210), 1, 1, 0, 0) + Duration.FromSeconds(random.NextInt64(0, 366L * 86_400)), RandomOffset(random)),
        3 => $"{random.Next(-10_000, 10_001):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}T{random.Next(0, 26):D2}:{random.Next(0, 61):D2}:{random.Next(0, 62):D2}{Fraction(random)}{OffsetText(random)}",
        4 => $"{random.Next(1, 10_000):D4}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2} {random.Next(0, 24):D2}:{random.Next(0, 60):D2}:{random.Next(0, 60):D2}{Fraction(random)} UTC",
        _ => Fixed[random.Next(Fixed.Length)] + RandomText(random, random.Next(0, 3)),
    };

    private static Instant RandomInstant(Random random) => random.Next(4) switch
    {
        0 => Instant.MinValue + Duration.FromNanoseconds(random.NextInt64(0, 86_400_000_000_000L)),
        1 => Instant.MaxValue - Duration.FromNanoseconds(random.NextInt64(0, 86_400_000_000_000L)),
        _ => Instant.FromUnixTimeTicks(random.NextInt64(Instant.MinValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks())),
    };

    private static Offset RandomOffset(Random random) => random.Next(3) switch
    {
        0 => Offset.Zero,
        1 => random.Next(2) == 0 ? Offset.MaxValue : Offset.MinValue,
        _ => Offset.FromSeconds(random.Next(Offset.MinValue.Seconds, Offset.MaxValue.Seconds + 1)),
    };

    /// <summary>An instant written with an offset; at the ends of time the offset may push the local date outside NodaTime's calendar, so it is then written by hand.</summary>
    private static string Format(Instant instant, Offset offset)
    {
        try
        {
            return OffsetDateTimePattern.ExtendedIso.Format(instant.WithOffset(offset));
        }
        catch (ArgumentOutOfRangeException)
        {
            return InstantPattern.ExtendedIso.Format(instant).TrimEnd('Z') + OffsetPattern.GeneralInvariantWithZ.Format(offset);
        }
        catch (OverflowException)
        {
            return InstantPattern.ExtendedIso.Format(instant).TrimEnd('Z') + OffsetPattern.GeneralInvariantWithZ.Format(offset);
        }
    }

    private static string Fraction(Random random) => random.Next(3) == 0 ? "." + new string('9', random.Next(1, 13)) : string.Empty;

    private static string OffsetText(Random random) => random.Next(4) switch
    {
        0 => "Z",
        1 => string.Empty,
        _ => $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(0, 25):D2}:{random.Next(0, 61):D2}",
    };

    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(3) switch
            {
                0 => Noise[random.Next(Noise.Length)],
                1 => (char)random.Next(0x20, 0x7F),
                _ => (char)random.Next(0, 0x10000), // lone surrogates included
            });
        }

        return builder.ToString();
    }

    /// <summary>A path segment: an escaped random id, or raw bytes and broken escapes as a hostile client writes them.</summary>
    private static string RandomSegment(Random random) => random.Next(4) switch
    {
        0 => Escape(RandomText(random, random.Next(0, 20))),
        1 => Escape(RandomText(random, random.Next(250, 300))),
        2 => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => $"%{random.Next(0, 256):X2}")),
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(4) switch
        {
            0 => "%",
            1 => "%G" + random.Next(10),
            2 => ((char)random.Next(0x21, 0x7F)).ToString(),
            _ => $"%{random.Next(0, 256):X2}",
        })),
    };
}
