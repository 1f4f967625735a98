using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Bench.Micro;

/// <summary>
/// The store the engine micro-benchmarks compute: polls over the 8 days before <see cref="Now"/>, regularly spaced with
/// ±10 % jitter (about 8 % inactive), and a split-shift week in America/New_York (late closes on Fridays and weekends).
/// </summary>
internal static class MicroStore
{
    public static readonly Instant Now = Instant.FromUtc(2024, 3, 14, 18, 0);

    public static PollTimeline Polls(int count)
    {
        var random = new Random(42);
        var span = Duration.FromDays(8);
        var spacing = span / count;
        var ticks = new long[count];
        var statuses = new PollStatus[count];
        for (var i = 0; i < count; i++)
        {
            // Regular spacing with up to ±10 % jitter, microsecond timestamps as in the source data.
            var jitter = Duration.FromNanoseconds((long)((random.NextDouble() - 0.5) * 0.2 * spacing.ToInt64Nanoseconds()));
            ticks[i] = (Now - span + (spacing * i) + jitter).ToUnixTimeTicks() / 10 * 10;
            statuses[i] = random.NextDouble() < 0.08 ? PollStatus.Inactive : PollStatus.Active;
        }

        return PollTimeline.Empty.Merge(ticks, statuses).Timeline;
    }

    public static BusinessSchedule SplitShift()
    {
        var rows = new List<BusinessHoursRow>();
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            rows.Add(new BusinessHoursRow(day, new LocalTime(11, 0), new LocalTime(14, 30)));
            rows.Add(new BusinessHoursRow(day, new LocalTime(17, 0), day >= IsoDayOfWeek.Friday ? new LocalTime(1, 0) : new LocalTime(22, 0)));
        }

        return BusinessSchedule.Create(rows, Zone);
    }

    public static BusinessSchedule AlwaysOpen() => BusinessSchedule.Create([], Zone);

    private static DateTimeZone Zone => DateTimeZoneProviders.Tzdb["America/New_York"];
}
