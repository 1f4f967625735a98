using NodaTime;

namespace StoreMonitor.Engine.Live;

/// <summary>
/// One change of a store's <see cref="StoreCondition"/>, derived from its polls alone (docs/LIVE.md#rules): the same polls
/// and hours always derive the same changes.
/// </summary>
/// <param name="At">The in-hours poll that changed the status (down, up), or the first open instant of the silence.</param>
/// <param name="DownSince">Where the spell of not being up began (the down, or the spell an up ends): the first inactive
/// in-hours poll, or, for a silence and what follows it, the last poll before the silence.</param>
/// <param name="LastPollAt">The latest poll at or before <paramref name="At"/>.</param>
public readonly record struct StatusChange(StatusChangeKind Kind, Instant At, Instant DownSince, Instant LastPollAt);
