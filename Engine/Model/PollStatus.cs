namespace StoreMonitor.Engine.Model;

/// <summary>What one poll saw. Byte-sized so a store's timeline stays compact.</summary>
[Alias("StoreMonitor.PollStatus")]
public enum PollStatus : byte
{
    Inactive = 0,
    Active = 1,
}
