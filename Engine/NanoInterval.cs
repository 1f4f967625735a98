namespace StoreMonitor.Engine;

/// <summary>A half-open span <c>[Start, End)</c> of the engine's clock (<see cref="UnixNanos"/>).</summary>
internal readonly record struct NanoInterval(long Start, long End);
