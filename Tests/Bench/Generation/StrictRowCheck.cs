using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreMonitor.Tests.Bench.Generation;

/// <summary>
/// An independent, strict reading of the public format. Every row the generator means to be valid passes it,
/// so counting the lines it refuses counts the injected bad rows.
/// </summary>
internal static partial class StrictRowCheck
{
    public static bool IsValidPoll(string line)
    {
        var fields = line.Split(',');
        if (fields.Length != 3 || fields[0].Length == 0 || fields[1] is not ("active" or "inactive"))
        {
            return false;
        }

        var match = UtcTimestamp().Match(fields[2]);
        return match.Success && DateTime.TryParseExact(
            match.Groups["at"].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    public static bool IsValidHours(string line)
    {
        var fields = line.Split(',');
        return fields.Length == 4
            && fields[0].Length > 0
            && fields[1] is "0" or "1" or "2" or "3" or "4" or "5" or "6"
            && IsTimeOfDay(fields[2])
            && IsTimeOfDay(fields[3]);
    }

    public static bool IsValidZone(string line)
    {
        var fields = line.Split(',');
        return fields.Length == 2 && fields[0].Length > 0 && fields[1].Length > 0;
    }

    public static bool IsTimeOfDay(string text)
    {
        var match = TimeOfDay().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var h = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var s = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        return (h < 24 && m < 60 && s < 60) || (h == 24 && m == 0 && s == 0);
    }

    [GeneratedRegex(@"^(?<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(\.\d{1,6})? UTC$")]
    private static partial Regex UtcTimestamp();

    [GeneratedRegex(@"^(?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2})$")]
    private static partial Regex TimeOfDay();
}
