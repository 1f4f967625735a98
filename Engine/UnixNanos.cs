using NodaTime;

namespace StoreMonitor.Engine;

/// <summary>
/// The engine's internal clock: nanoseconds since the Unix epoch in a <see cref="long"/>.
/// Nanoseconds rather than ticks so that every quantity the rules produce is an exact integer: a midpoint
/// between two polls (whole ticks = multiples of 100 ns) is a multiple of 50 ns, and a caller's
/// <c>now</c> or zone offset never needs rounding. A long covers the years 1677–2262.
/// </summary>
internal static class UnixNanos
{
    public const long PerTick = 100;
    public const long PerSecond = 1_000_000_000;
    public const long PerMinute = 60 * PerSecond;
    public const long PerHour = 60 * PerMinute;
    public const long PerDay = 24 * PerHour;
    public const long PerWeek = 7 * PerDay;

    private static readonly Instant Earliest = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MinValue);
    private static readonly Instant Latest = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MaxValue);

    /// <exception cref="OverflowException">The instant lies outside 1677–2262.</exception>
    public static long From(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>Like <see cref="From"/>, but clamps instants beyond the range (zone intervals reach far).</summary>
    public static long FromSaturating(Instant instant) =>
        instant <= Earliest ? long.MinValue : instant >= Latest ? long.MaxValue : From(instant);

    public static Instant ToInstant(long nanos) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(nanos);

    public static long FromTicks(long unixTicks) => unixTicks * PerTick;

    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
    }
}
