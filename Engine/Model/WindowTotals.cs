using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>
/// One window's business time split by extrapolated status: exact durations, rounded only when written. Their sum is
/// the window's business time (SPEC R7).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WindowTotals")]
public readonly record struct WindowTotals(
    [property: Id(0)] Duration Up,
    [property: Id(1)] Duration Down)
{
    public Duration BusinessTime => Up + Down;
}
