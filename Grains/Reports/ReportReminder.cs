namespace StoreMonitor.Grains.Reports;

/// <summary>
/// The reminder a running report holds. Reminders live in the cluster's reminder table, not in a silo, so when the
/// silo running a report dies, the silo that takes over its reminders re-activates the report, which then resumes.
/// </summary>
public static class ReportReminder
{
    public const string Name = "report-running";

    /// <summary>How often a running report is nudged; bounds how long a report whose silo died waits to resume.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
}
