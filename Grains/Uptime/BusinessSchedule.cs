using NodaTime;
using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Uptime;

/// <summary>
/// A store's weekly business hours in its zone, able to list the open intervals (as instants) over any span.
/// No rows means open 24×7. Local times map to instants leniently (gaps move forward, overlaps take the earlier).
/// </summary>
public sealed class BusinessSchedule
{
    // ENGINE-HELPER: implement. Public surface below is relied upon by the grains; keep it.
    public static BusinessSchedule Create(IReadOnlyList<BusinessHoursRow> rows, DateTimeZone zone) => throw new NotImplementedException();

    public DateTimeZone Zone => throw new NotImplementedException();

    public bool IsAlwaysOpen => throw new NotImplementedException();

    public bool IsOpen(Instant instant) => throw new NotImplementedException();

    /// <summary>Merged, sorted, non-overlapping open intervals clipped to <c>[from, to)</c>.</summary>
    public IReadOnlyList<Interval> OpenIntervals(Instant from, Instant to) => throw new NotImplementedException();
}
