using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Serialization;

// Orleans cannot serialize NodaTime's structs on its own; these surrogates carry them as exact integers.

[GenerateSerializer, Immutable, Alias("StoreMonitor.InstantSurrogate")]
public readonly struct InstantSurrogate
{
    [Id(0)] public readonly long UnixTicks;
    [Id(1)] public readonly int TickRemainderNanoseconds;

    public InstantSurrogate(long unixTicks, int tickRemainderNanoseconds)
    {
        UnixTicks = unixTicks;
        TickRemainderNanoseconds = tickRemainderNanoseconds;
    }
}

[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) =>
        Instant.FromUnixTimeTicks(surrogate.UnixTicks).PlusNanoseconds(surrogate.TickRemainderNanoseconds);

    public InstantSurrogate ConvertToSurrogate(in Instant value)
    {
        var ticks = value.ToUnixTimeTicks();
        var remainder = (value - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds();
        return new InstantSurrogate(ticks, (int)remainder);
    }
}

[GenerateSerializer, Immutable, Alias("StoreMonitor.DurationSurrogate")]
public readonly struct DurationSurrogate
{
    [Id(0)] public readonly long Nanoseconds;

    public DurationSurrogate(long nanoseconds) => Nanoseconds = nanoseconds;
}

[RegisterConverter]
public sealed class DurationSurrogateConverter : IConverter<Duration, DurationSurrogate>
{
    public Duration ConvertFromSurrogate(in DurationSurrogate surrogate) => Duration.FromNanoseconds(surrogate.Nanoseconds);

    public DurationSurrogate ConvertToSurrogate(in Duration value) => new(value.ToInt64Nanoseconds());
}

[GenerateSerializer, Immutable, Alias("StoreMonitor.LocalTimeSurrogate")]
public readonly struct LocalTimeSurrogate
{
    [Id(0)] public readonly long NanosecondOfDay;

    public LocalTimeSurrogate(long nanosecondOfDay) => NanosecondOfDay = nanosecondOfDay;
}

[RegisterConverter]
public sealed class LocalTimeSurrogateConverter : IConverter<LocalTime, LocalTimeSurrogate>
{
    public LocalTime ConvertFromSurrogate(in LocalTimeSurrogate surrogate) => LocalTime.FromNanosecondsSinceMidnight(surrogate.NanosecondOfDay);

    public LocalTimeSurrogate ConvertToSurrogate(in LocalTime value) => new(value.NanosecondOfDay);
}

[GenerateSerializer, Immutable, Alias("StoreMonitor.LocalDateSurrogate")]
public readonly struct LocalDateSurrogate
{
    [Id(0)] public readonly int Year;
    [Id(1)] public readonly int Month;
    [Id(2)] public readonly int Day;

    public LocalDateSurrogate(int year, int month, int day)
    {
        Year = year;
        Month = month;
        Day = day;
    }
}

/// <summary>An ISO date as year, month and day: the only calendar the input files have.</summary>
[RegisterConverter]
public sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) => new(surrogate.Year, surrogate.Month, surrogate.Day);

    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value) => new(value.Year, value.Month, value.Day);
}
