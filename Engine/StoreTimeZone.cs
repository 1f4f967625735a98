using NodaTime;

namespace StoreMonitor.Engine;

/// <summary>Resolves a store's zone id; missing or unknown ids fall back to America/Chicago.</summary>
public static class StoreTimeZone
{
    public const string FallbackZoneId = "America/Chicago";

    private static readonly DateTimeZone Fallback = DateTimeZoneProviders.Tzdb[FallbackZoneId];

    /// <summary>
    /// The IANA zone named by <paramref name="zoneId"/> (surrounding whitespace ignored, case as in the TZDB).
    /// A missing, empty or unknown id gives <see cref="FallbackZoneId"/> and a warning an operator can act on.
    /// </summary>
    public static ResolvedZone Resolve(string? zoneId)
    {
        var trimmed = zoneId?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return new ResolvedZone(Fallback, $"no time zone given; using {FallbackZoneId}");
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(trimmed);
        return zone is null
            ? new ResolvedZone(Fallback, $"unknown time zone '{trimmed}'; using {FallbackZoneId}")
            : new ResolvedZone(zone, null);
    }
}

/// <summary>The zone a store uses, and a warning for the operator when it is not the one the data named.</summary>
public sealed record ResolvedZone(DateTimeZone Zone, string? Warning);
