using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace StoreMonitor.Bench.Generation;

/// <summary>Turns <c>generate</c> arguments into <see cref="GeneratorOptions"/>, or a message saying exactly what is wrong.</summary>
internal static class GeneratorOptionsParser
{
    public const string Usage = """
        usage: dotnet run -c Release --project Bench -- generate --out DIR [options]
          --out DIR              directory for store_status.csv, menu_hours.csv, timezones.csv (required)
          --stores N             number of stores (default 300)
          --days D               days of polls ending at --end (default 8)
          --end INSTANT          last instant polled, ISO 8601 UTC (default 2023-01-25T18:13:22Z)
          --seed S               random seed; same seed, same bytes (default 42)
          --id-style STYLE       int64 | uuid (default int64)
          --day-column NAME      dayOfWeek | day (default dayOfWeek)
          --bad-rows N           inject N malformed rows across the three files (default 0)
        """;

    public static bool TryParse(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out GeneratorOptions? options,
        [NotNullWhen(false)] out string? error)
    {
        options = null;
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{arg}'";
                return false;
            }

            string name;
            string value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                name = arg[2..equals];
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                name = arg[2..];
                value = args[++i];
            }
            else
            {
                error = $"option '{arg}' needs a value";
                return false;
            }

            if (!values.TryAdd(name, value))
            {
                error = $"option '--{name}' given twice";
                return false;
            }
        }

        var parsed = new GeneratorOptions(OutputDirectory: "");
        foreach (var (name, value) in values)
        {
            GeneratorOptions? next = name switch
            {
                "out" => string.IsNullOrWhiteSpace(value) ? null : parsed with { OutputDirectory = value },
                "stores" => TryCount(value, 1, 1_000_000, out var stores) ? parsed with { Stores = stores } : null,
                "days" => TryCount(value, 1, 366, out var days) ? parsed with { Days = days } : null,
                "seed" => TryCount(value, int.MinValue, int.MaxValue, out var seed) ? parsed with { Seed = seed } : null,
                "bad-rows" => TryCount(value, 0, 1_000_000, out var bad) ? parsed with { BadRows = bad } : null,
                "end" => TryInstant(value, out var end) ? parsed with { End = end } : null,
                "id-style" => TryIdStyle(value, out var style) ? parsed with { IdStyle = style } : null,
                "day-column" => value is "dayOfWeek" or "day" ? parsed with { DayColumn = value } : null,
                _ => null,
            };
            if (next is null)
            {
                error = FailureFor(name, value);
                return false;
            }

            parsed = next;
        }

        if (parsed.OutputDirectory.Length == 0)
        {
            error = "--out DIR is required";
            return false;
        }

        if (!PollLog.CanHold(parsed.Stores, parsed.Days * 86_400_000_000L))
        {
            error = $"--stores {parsed.Stores} × --days {parsed.Days} is more than one run can hold; use fewer of either";
            return false;
        }

        options = parsed;
        return true;
    }

    private static string FailureFor(string name, string value) => name switch
    {
        "stores" => $"--stores must be an integer from 1 to 1000000, got '{value}'",
        "days" => $"--days must be an integer from 1 to 366, got '{value}'",
        "seed" => $"--seed must be a 32-bit integer, got '{value}'",
        "bad-rows" => $"--bad-rows must be an integer from 0 to 1000000, got '{value}'",
        "end" => $"--end must be an ISO 8601 instant such as 2023-01-25T18:13:22Z, got '{value}'",
        "id-style" => $"--id-style must be int64 or uuid, got '{value}'",
        "day-column" => $"--day-column must be dayOfWeek or day, got '{value}'",
        "out" => "--out needs a directory",
        _ => $"unknown option '--{name}'",
    };

    private static bool TryCount(string value, int min, int max, out int count) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count)
        && count >= min
        && count <= max;

    private static bool TryInstant(string value, out DateTimeOffset instant)
    {
        instant = default;

        // An instant without an offset would silently mean local time; insist on Z or an explicit offset.
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || value.LastIndexOfAny(['+', '-']) > 10;
        if (!hasOffset || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
        {
            return false;
        }

        instant = instant.ToUniversalTime();
        return true;
    }

    private static bool TryIdStyle(string value, out IdStyle style)
    {
        (var known, style) = value.ToLowerInvariant() switch
        {
            "int64" => (true, IdStyle.Int64),
            "uuid" => (true, IdStyle.Uuid),
            _ => (false, IdStyle.Int64),
        };
        return known;
    }
}
