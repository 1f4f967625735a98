namespace StoreMonitor.Grains.Reports;

/// <summary>Where a running report is, in memory only: what <c>get_report</c> shows while it runs.</summary>
public sealed class RunProgress
{
    public string Phase { get; set; } = ReportPhases.None;

    /// <summary>1 = next to compute; 0 when not queued.</summary>
    public int QueuePosition { get; set; }

    public int StoresDone { get; set; }

    public int StoresTotal { get; set; }
}
