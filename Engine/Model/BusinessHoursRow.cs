using NodaTime;

namespace StoreMonitor.Engine.Model;

/// <summary>
/// One row of a store's weekly business hours, in the store's local time.
/// The store opens at <see cref="Start"/> on every local date falling on <see cref="Day"/> and closes at
/// <see cref="End"/> the same date when <c>End &gt; Start</c>, otherwise at <see cref="End"/> the next date
/// (so <c>End == Start</c> is a 24-hour opening). A source value of <c>24:00:00</c> is stored as
/// <see cref="LocalTime.Midnight"/>: "midnight of the next date" is exactly what the wrap-around rule gives it.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.BusinessHoursRow")]
public readonly record struct BusinessHoursRow(
    [property: Id(0)] IsoDayOfWeek Day,
    [property: Id(1)] LocalTime Start,
    [property: Id(2)] LocalTime End);
