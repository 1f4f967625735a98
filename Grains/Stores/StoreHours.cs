using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// What a store's schedule is made of (its weekly rows, its special rows and its zone id, as stored) and the schedule and
/// zone built from them. Immutable once made, so stores with the same hours share one (<see cref="StoreHoursPool"/>).
/// </summary>
internal sealed class StoreHours(BusinessHoursRow[] weekly, SpecialHoursRow[] special, string? zoneId)
{
    private ResolvedZone? _zone;
    private BusinessSchedule? _schedule;

    public static StoreHours None { get; } = new([], [], null);

    public BusinessHoursRow[] Weekly { get; } = weekly;

    public SpecialHoursRow[] Special { get; } = special;

    public string? ZoneId { get; } = zoneId;

    // Both are built on first use: an update compares its hours with the store's before anything is built from them.
    // Shared instances are read from many grains at once: a race builds one twice, and the first stored wins.

    public ResolvedZone Zone => Volatile.Read(ref _zone) ?? Publish(ref _zone, StoreTimeZone.Resolve(ZoneId));

    public BusinessSchedule Schedule => Volatile.Read(ref _schedule) ?? Publish(ref _schedule, BusinessSchedule.Create(Weekly, Special, Zone.Zone));

    /// <summary>Whether <paramref name="other"/> gives the same schedule row for row (arrays compared by content).</summary>
    public bool SameAs(StoreHours other) =>
        ReferenceEquals(this, other) ||
        (ZoneId == other.ZoneId && Weekly.AsSpan().SequenceEqual(other.Weekly) && Special.AsSpan().SequenceEqual(other.Special));

    /// <summary>A hash of the rows and the zone id, equal for any two hours <see cref="SameAs"/> each other.</summary>
    public int ContentHash()
    {
        var hash = new HashCode();
        hash.Add(ZoneId);
        foreach (var row in Weekly)
        {
            hash.Add(row);
        }

        hash.Add(Weekly.Length);
        foreach (var row in Special)
        {
            hash.Add(row);
        }

        return hash.ToHashCode();
    }

    private static T Publish<T>(ref T? field, T built)
        where T : class => Interlocked.CompareExchange(ref field, built, null) ?? built;
}
