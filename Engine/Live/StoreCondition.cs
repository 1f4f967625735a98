namespace StoreMonitor.Engine.Live;

/// <summary>What the live rules say of a store at an instant, from its polls and hours (docs/LIVE.md#conditions).</summary>
[Alias("StoreMonitor.StoreCondition")]
public enum StoreCondition : byte
{
    /// <summary>No poll inside business hours yet, and no silence: nothing to say.</summary>
    Unknown = 0,

    /// <summary>The latest poll inside business hours saw the store active, and it has not gone silent since.</summary>
    Up = 1,

    /// <summary>The latest poll inside business hours saw the store inactive.</summary>
    Down = 2,

    /// <summary>No poll for longer than the silence threshold while the store was open, and none inside business hours since.</summary>
    Silent = 3,
}
