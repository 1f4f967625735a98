using System.Globalization;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// The options of <c>live-latency</c>: how many stores, how many polls a push carries, the share of stores open at the
/// push and the share pushed inactive (so open and inactive: a down), the seed, where to work, how many warm-up
/// rounds come before the measured push, and the path the polls take (with NATS, how many publish at once).
/// </summary>
public sealed record LiveLatencyOptions(
    int Stores, int Batch, double OpenShare, double InactiveShare, int Seed, string? WorkDirectory, bool Keep, int WarmupRounds, LivePath Via = LivePath.Http, int Publishers = 64)
{
    /// <summary>Warm-up rounds are a minute apart, within the hour before the push after the stores' last hourly poll.</summary>
    public const int MostWarmupRounds = 50;

    public static readonly LiveLatencyOptions Default = new(14_000, 1_000, 0.7, 0.3, 42, null, false, WarmupRounds: 10);

    public static bool TryParse(string[] args, out LiveLatencyOptions options, out string? error)
    {
        options = Default;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value");
            try
            {
                options = name switch
                {
                    "--stores" => options with { Stores = Positive(name, Value()) },
                    "--batch" => options with { Batch = Positive(name, Value()) },
                    "--open-share" => options with { OpenShare = Share(name, Value()) },
                    "--inactive-share" => options with { InactiveShare = Share(name, Value()) },
                    "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--work" => options with { WorkDirectory = Path.GetFullPath(Value()) },
                    "--keep" => options with { Keep = true },
                    "--warmup-rounds" => options with { WarmupRounds = Rounds(name, Value()) },
                    "--via" => options with { Via = PathNamed(name, Value()) },
                    "--publishers" => options with { Publishers = Positive(name, Value()) },
                    _ => throw new FormatException($"unknown option '{name}'"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return false;
            }
        }

        return true;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{name} needs a positive whole number, not '{value}'");

    private static int Rounds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds <= MostWarmupRounds
            ? rounds
            : throw new FormatException($"{name} needs a whole number from 0 to {MostWarmupRounds}, not '{value}'");

    private static LivePath PathNamed(string name, string value) => value switch
    {
        "http" => LivePath.Http,
        "nats" => LivePath.Nats,
        _ => throw new FormatException($"{name} needs 'http' or 'nats', not '{value}'"),
    };

    private static double Share(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new FormatException($"{name} needs a share from 0 to 1, not '{value}'");
}
