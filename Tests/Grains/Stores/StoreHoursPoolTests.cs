using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Stores;

namespace StoreMonitor.Tests.Grains.Stores;

/// <summary>Stores with equal hours share one <see cref="StoreHours"/>, schedule included; different hours never do.</summary>
public sealed class StoreHoursPoolTests
{
    private const string Zone = "America/New_York";

    [Fact]
    public void Equal_hours_read_apart_share_one_instance_and_one_schedule()
    {
        var pool = new StoreHoursPool();

        var first = pool.Shared(new StoreHours(Weekdays(9, 17), [], Zone));
        var second = pool.Shared(new StoreHours(Weekdays(9, 17), [], Zone));

        Assert.Same(first, second);
        Assert.Same(first.Schedule, second.Schedule);
        Assert.Same(first.Zone, second.Zone);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Hours_that_differ_in_a_row_the_zone_or_a_special_day_are_not_shared()
    {
        var pool = new StoreHoursPool();

        StoreHours[] all =
        [
            pool.Shared(new StoreHours(Weekdays(8, 16), [], Zone)),
            pool.Shared(new StoreHours(Weekdays(8, 15), [], Zone)),
            pool.Shared(new StoreHours(Weekdays(8, 16)[..4], [], Zone)),
            pool.Shared(new StoreHours(Weekdays(8, 16), [], "Europe/Berlin")),
            pool.Shared(new StoreHours(Weekdays(8, 16), [], null)),
            pool.Shared(new StoreHours(Weekdays(8, 16), [SpecialHoursRow.ClosedOn(new LocalDate(2024, 12, 25))], Zone)),
        ];

        Assert.Equal(all.Length, all.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(all.Length, pool.Count);
        Assert.Equal(["America/New_York", "America/New_York", "America/New_York", "Europe/Berlin", null, "America/New_York"], all.Select(hours => hours.ZoneId));
    }

    [Fact]
    public void The_pool_never_holds_more_than_its_capacity_and_still_answers_equal_hours()
    {
        const int Capacity = 8;
        var pool = new StoreHoursPool(Capacity);

        StoreHours? last = null;
        for (var hour = 0; hour < 3 * Capacity; hour++)
        {
            last = pool.Shared(new StoreHours(Weekdays(hour % 12, 20), [], $"Etc/GMT+{hour / 12}"));
            Assert.InRange(pool.Count, 1, Capacity);
        }

        Assert.Same(last, pool.Shared(new StoreHours([.. last!.Weekly], [], last.ZoneId)));
    }

    private static BusinessHoursRow[] Weekdays(int open, int close) =>
        [.. Enumerable.Range(1, 5).Select(day => new BusinessHoursRow((IsoDayOfWeek)day, new LocalTime(open, 0), new LocalTime(close, 0)))];
}
