namespace StoreMonitor.Engine.Live;

/// <summary>The kinds of <see cref="StatusChange"/>: the engine's names for <c>store.down</c>, <c>store.up</c> and <c>store.silent</c>.</summary>
[Alias("StoreMonitor.StatusChangeKind")]
public enum StatusChangeKind : byte
{
    Down = 0,
    Up = 1,
    Silent = 2,
}
