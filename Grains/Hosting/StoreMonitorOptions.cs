namespace StoreMonitor.Grains.Hosting;

/// <summary>The <c>StoreMonitor</c> configuration section (command line <c>--StoreMonitor:Key=value</c>, environment <c>StoreMonitor__Key</c>).</summary>
public sealed class StoreMonitorOptions
{
    public const string SectionName = "StoreMonitor";

    /// <summary>Where the three input CSVs are read from. Relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Grain storage: <c>sqlite</c> (default), <c>memory</c> (nothing survives a restart).</summary>
    public string Storage { get; set; } = StorageKinds.Sqlite;

    /// <summary>Ingest <see cref="DataDirectory"/> when the host starts, unless those exact files were ingested already.</summary>
    public bool IngestOnStart { get; set; } = true;

    /// <summary>
    /// How often the API host looks for new or changed input files and ingests what is new; <c>00:00:00</c> turns the
    /// scan off (then only start-up and <c>POST /ingestion</c> ingest).
    /// </summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Each store keeps the polls that reports up to this many days before the latest poll need (0 keeps every poll).
    /// Older polls are compacted away as new ones arrive, so a store's state stays bounded; a report with an
    /// <c>as_of</c> further back is refused.
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Store grains updated at once during ingestion. SQLite serialises writers, so more does not help.</summary>
    public int IngestionConcurrency { get; set; } = 32;

    /// <summary>Store grains asked at once by each of the index partitions during a report.</summary>
    public int ReportConcurrencyPerPartition { get; set; } = 16;
}

public static class StorageKinds
{
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";
}
