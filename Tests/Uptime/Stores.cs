using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime;

/// <summary>Small builders that keep the tests reading like the scenarios they check.</summary>
internal static class Stores
{
    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    public static BusinessHoursRow Row(IsoDayOfWeek day, string start, string end) =>
        new(day, Time(start), end == "24:00" ? LocalTime.Midnight : Time(end));

    public static LocalTime Time(string text) =>
        (text.Length == 5 ? ShortTime : NodaTime.Text.LocalTimePattern.ExtendedIso).Parse(text).GetValueOrThrow();

    private static readonly NodaTime.Text.LocalTimePattern ShortTime = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static BusinessSchedule Schedule(string zone, params BusinessHoursRow[] rows) =>
        BusinessSchedule.Create(rows, Zone(zone));

    public static BusinessSchedule Schedule(string zone, BusinessHoursRow[] rows, params SpecialHoursRow[] special) =>
        BusinessSchedule.Create(rows, special, Zone(zone));

    /// <summary>A special row opening on <paramref name="date"/> (<c>yyyy-MM-dd</c>); <c>24:00</c> ends the date.</summary>
    public static SpecialHoursRow Special(string date, string start, string end) =>
        SpecialHoursRow.Open(Date(date), Time(start), end == "24:00" ? LocalTime.Midnight : Time(end));

    public static SpecialHoursRow Closed(string date) => SpecialHoursRow.ClosedOn(Date(date));

    public static LocalDate Date(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    /// <summary>The same row on every weekday.</summary>
    public static BusinessHoursRow[] EveryDay(string start, string end) =>
        [.. Enumerable.Range(1, 7).Select(day => Row((IsoDayOfWeek)day, start, end))];

    public static Instant Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        Instant.FromUtc(year, month, day, hour, minute, second);

    public static Instant Local(string zone, int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Zone(zone)).ToInstant();

    public static PollTimeline Timeline(params (Instant At, PollStatus Status)[] polls) =>
        PollTimeline.Empty.Merge(
            polls.Select(p => p.At.ToUnixTimeTicks()).ToArray(),
            polls.Select(p => p.Status).ToArray()).Timeline;

    public static Duration TotalLength(IEnumerable<Interval> intervals) =>
        intervals.Aggregate(Duration.Zero, (sum, interval) => sum + interval.Duration);

    public static (Instant At, PollStatus Status) Up(Instant at) => (at, PollStatus.Active);

    public static (Instant At, PollStatus Status) Down(Instant at) => (at, PollStatus.Inactive);
}
