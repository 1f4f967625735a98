using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Stores;

/// <summary>What a store's schedule is made of: its weekly rows, its special rows and its zone id, as stored.</summary>
internal sealed record StoreHours(BusinessHoursRow[] Weekly, SpecialHoursRow[] Special, string? ZoneId)
{
    public static StoreHours None { get; } = new([], [], null);

    /// <summary>Whether <paramref name="other"/> gives the same schedule row for row (arrays compared by content).</summary>
    public bool SameAs(StoreHours other) =>
        ZoneId == other.ZoneId && Weekly.AsSpan().SequenceEqual(other.Weekly) && Special.AsSpan().SequenceEqual(other.Special);

    public BusinessSchedule CreateSchedule() => BusinessSchedule.Create(Weekly, Special, StoreTimeZone.Resolve(ZoneId).Zone);
}
