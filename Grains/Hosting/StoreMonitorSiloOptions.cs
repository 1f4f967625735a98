namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// What a silo needs from the <c>StoreMonitor</c> configuration section (command line
/// <c>--StoreMonitor:Key=value</c>, environment <c>StoreMonitor__Key</c>).
/// </summary>
public sealed class StoreMonitorSiloOptions
{
    public const string SectionName = "StoreMonitor";

    /// <summary>
    /// Grain storage: <c>sqlite</c> (default), <c>postgres</c> (grain state and reminders in PostgreSQL; with it the Silo
    /// host and client-mode API also keep cluster membership there), <c>memory</c> (nothing survives a restart).
    /// </summary>
    public string Storage { get; set; } = StorageKinds.Sqlite;

    /// <summary>
    /// Each store keeps the polls that reports up to this many days before the latest poll need (0 keeps every poll).
    /// Older polls are compacted away as new ones arrive, so a store's state stays bounded; a report with an
    /// <c>as_of</c> further back is refused.
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Store grains asked at once by each of the index partitions during a report.</summary>
    public int ReportConcurrencyPerPartition { get; set; } = 16;

    /// <summary>
    /// Stores a report asks of one partition per call, and the rows it stores as one piece: small enough that each
    /// call is short and each piece far under the message limit, large enough that a million stores take few calls.
    /// </summary>
    public int ReportSliceStores { get; set; } = 2048;

    /// <summary>The largest <see cref="ReportSliceStores"/>: a piece of about 100 bytes a row stays under 2 MB.</summary>
    public const int MaxReportSliceStores = 20_000;

    /// <summary>
    /// How long an ingestion run or a reading report may go without renewing its lease (every 15 s) before it counts
    /// as abandoned, its host presumed dead. Shorter frees the data sooner after a crash; it must stay well above the
    /// renewal interval, or a busy but living host loses its lease.
    /// </summary>
    public TimeSpan IngestionLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The shortest <see cref="IngestionLeaseDuration"/> accepted: two renewals can be missed.</summary>
    public static readonly TimeSpan MinimumIngestionLeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long finished reports are kept before their rows and records are deleted.</summary>
    public ReportRetentionOptions ReportRetention { get; set; } = new();

    /// <summary>How long emptied rows of cleared grain state stay before the silos delete them.</summary>
    public ClearedStateOptions ClearedState { get; set; } = new();

    /// <summary>Reports computed at once across the cluster; the others wait in a queue (identical ones share one computation).</summary>
    public int MaxConcurrentReports { get; set; } = 2;

    /// <summary>
    /// Whether the Orleans dashboard (<c>/dashboard</c>) samples Orleans' counters for its counters page. Off by default:
    /// the dashboard samples once a second, and at tens of thousands of store grains a silo that costs a fifth of its
    /// CPU, more with more stores (see <see cref="OrleansDashboardCounters"/>). The rest of the dashboard works either
    /// way, and each silo's counters stay on its Prometheus endpoint.
    /// </summary>
    public bool DashboardCounters { get; set; }

    /// <summary>
    /// Whether the silo runs one small report of one store at start-up, once there is data, and deletes it, so that the
    /// first report a user asks for does not also pay for activating the report machinery and compiling its code
    /// (<see cref="Reports.ReportWarmUp"/>). The hosts' settings files turn it on; a bare test silo runs without it.
    /// </summary>
    public bool WarmUpReport { get; set; }

    /// <summary>Live events: the silence threshold, which events are sent live, the boards' sweep (<c>StoreMonitor:Live:*</c>).</summary>
    public LiveOptions Live { get; set; } = new();
}
