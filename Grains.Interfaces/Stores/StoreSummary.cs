using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>What a store grain holds, for operators and the per-store API.</summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.StoreSummary")]
public sealed record StoreSummary(
    [property: Id(0)] string StoreId,
    [property: Id(1)] int PollCount,
    [property: Id(2)] Instant? FirstPoll,
    [property: Id(3)] Instant? LatestPoll,
    [property: Id(4)] string? ZoneId,
    [property: Id(5)] string EffectiveZoneId,
    [property: Id(6)] string? ZoneWarning,
    [property: Id(7)] BusinessHoursRow[] Hours,
    [property: Id(8)] SpecialHoursRow[] SpecialHours);
