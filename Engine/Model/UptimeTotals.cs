using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>
/// Business time in each report window, split by extrapolated status. Exact durations: rounding to report
/// units happens only when the row is written.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.UptimeTotals")]
public readonly record struct UptimeTotals(
    [property: Id(0)] Duration UpLastHour,
    [property: Id(1)] Duration UpLastDay,
    [property: Id(2)] Duration UpLastWeek,
    [property: Id(3)] Duration DownLastHour,
    [property: Id(4)] Duration DownLastDay,
    [property: Id(5)] Duration DownLastWeek);
