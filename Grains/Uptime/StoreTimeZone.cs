using NodaTime;

namespace StoreMonitor.Grains.Uptime;

/// <summary>Resolves a store's zone id; missing or unknown ids fall back to America/Chicago.</summary>
public static class StoreTimeZone
{
    public const string FallbackZoneId = "America/Chicago";

    // ENGINE-HELPER: implement.
    public static ResolvedZone Resolve(string? zoneId) => throw new NotImplementedException();
}

/// <summary>The zone a store uses, and a warning for the operator when it is not the one the data named.</summary>
public sealed record ResolvedZone(DateTimeZone Zone, string? Warning);
