using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>
/// One row of a store's special hours (docs/SEMANTICS.md#special-hours): on the local <see cref="Date"/> it replaces the
/// store's weekly rows. An open row opens at <see cref="Start"/> on that date and closes at <see cref="End"/> the same
/// date when <c>End &gt; Start</c>, otherwise the next date, as a weekly row does (<c>24:00:00</c> is stored as
/// <see cref="LocalTime.Midnight"/>). A <see cref="Closed"/> row opens nothing: it only makes the date special, so the
/// weekly rows do not open on it; its times are midnight and mean nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.SpecialHoursRow")]
public readonly record struct SpecialHoursRow(
    [property: Id(0)] LocalDate Date,
    [property: Id(1)] LocalTime Start,
    [property: Id(2)] LocalTime End,
    [property: Id(3)] bool Closed)
{
    /// <summary>The store opens from <paramref name="start"/> to <paramref name="end"/> on <paramref name="date"/>.</summary>
    public static SpecialHoursRow Open(LocalDate date, LocalTime start, LocalTime end) => new(date, start, end, Closed: false);

    /// <summary>The store does not open on <paramref name="date"/> (a holiday, a one-off closure).</summary>
    public static SpecialHoursRow ClosedOn(LocalDate date) => new(date, LocalTime.Midnight, LocalTime.Midnight, Closed: true);
}
