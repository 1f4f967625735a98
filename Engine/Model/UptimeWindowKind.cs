namespace StoreMonitor.Engine.Model;

/// <summary>What a report window is: one of the fixed spans before the report time, or a named range of instants.</summary>
[Alias("StoreMonitor.UptimeWindowKind")]
public enum UptimeWindowKind
{
    Hour = 0,
    Day = 1,
    Week = 2,
    Month = 3,
    Quarter = 4,
    Range = 5,
}
