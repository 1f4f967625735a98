using System.Globalization;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// The options of <c>live-latency</c>: how many stores, how many polls a push carries, the share of stores open at the
/// push and the share pushed inactive (so open and inactive: a down), the seed, and where to work.
/// </summary>
public sealed record LiveLatencyOptions(int Stores, int Batch, double OpenShare, double InactiveShare, int Seed, string? WorkDirectory, bool Keep)
{
    public static readonly LiveLatencyOptions Default = new(14_000, 1_000, 0.7, 0.3, 42, null, false);

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

    private static double Share(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new FormatException($"{name} needs a share from 0 to 1, not '{value}'");
}
