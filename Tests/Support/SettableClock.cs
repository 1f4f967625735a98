using NodaTime;

namespace StoreMonitor.Tests.Support;

/// <summary>A clock the test moves forward, for rules measured in days (retention).</summary>
public sealed class SettableClock(Instant start) : IClock
{
    private long _ticks = start.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);
}
