namespace StoreMonitor.Bench.Generation;

/// <summary>
/// Picks a store's <c>timezone_str</c>: US zones in the reference data's proportions (New York ~60%, Los Angeles
/// ~24%, Chicago ~11%, Phoenix ~3%, then a long tail), a few zones that break hour-aligned assumptions, a few ids
/// that are not IANA zones at all, and about 5% of stores with no row.
/// </summary>
internal static class ZonePicker
{
    /// <summary>Zones whose offsets or rules are odd: half-hour, 30-minute DST, far from the US.</summary>
    public static readonly string[] OddZones = ["Asia/Kolkata", "America/St_Johns", "Australia/Lord_Howe", "Asia/Beirut"];

    /// <summary>Ids that look like zones but are not; the service must fall back and warn.</summary>
    public static readonly string[] UnknownZones = ["Mars/Olympus_Mons", "America/Atlantis"];

    private const double NoZoneShare = 0.05;

    private static readonly (string Zone, double Weight)[] Weighted =
    [
        ("America/New_York", 58.0),
        ("America/Los_Angeles", 23.0),
        ("America/Chicago", 11.0),
        ("America/Phoenix", 3.0),
        ("America/Denver", 1.0),
        ("America/Detroit", 0.5),
        ("America/Indiana/Indianapolis", 0.2),
        ("America/Indiana/Knox", 0.05),
        ("America/Indiana/Tell_City", 0.05),
        ("America/Boise", 0.1),
        ("America/Anchorage", 0.1),
        ("Pacific/Honolulu", 0.1),
        ("America/Edmonton", 0.05),
        ("America/Puerto_Rico", 0.05),
        ("Asia/Kolkata", 0.05),
        ("America/St_Johns", 0.05),
        ("Australia/Lord_Howe", 0.03),
        ("Asia/Beirut", 0.05),
        ("Mars/Olympus_Mons", 0.1),
        ("America/Atlantis", 0.1),
    ];

    private static readonly double TotalWeight = Weighted.Sum(w => w.Weight);

    /// <summary>
    /// The zone for a store, or null for no row. A handful of stores spread over the range always get the odd and
    /// unknown ids, so even a 200-store dataset exercises every fallback.
    /// </summary>
    public static string? Pick(Random random, int storeIndex, int storeCount)
    {
        var showcase = ShowcaseZone(storeIndex, storeCount);
        if (showcase is not null)
        {
            return showcase;
        }

        if (random.NextDouble() < NoZoneShare)
        {
            return null;
        }

        var target = random.NextDouble() * TotalWeight;
        foreach (var (zone, weight) in Weighted)
        {
            target -= weight;
            if (target < 0)
            {
                return zone;
            }
        }

        return Weighted[0].Zone;
    }

    private static string? ShowcaseZone(int storeIndex, int storeCount)
    {
        var showcase = OddZones.Length + UnknownZones.Length;
        if (storeCount < showcase * 10)
        {
            return null;
        }

        // Evenly spaced stores, none of them the first or last.
        var stride = storeCount / (showcase + 1);
        if (storeIndex % stride != 0 || storeIndex == 0 || storeIndex / stride > showcase)
        {
            return null;
        }

        var slot = (storeIndex / stride) - 1;
        return slot < OddZones.Length ? OddZones[slot] : UnknownZones[slot - OddZones.Length];
    }
}
