namespace StoreMonitor.Bench.Generation;

/// <summary>
/// One row of menu_hours.csv: on <see cref="Day"/> (0 = Monday) open from start to end, local seconds of day.
/// An end at or before the start runs past midnight; 86,400 is written <c>24:00:00</c>.
/// </summary>
internal readonly record struct HoursShift(int Day, int StartSeconds, int EndSeconds);
