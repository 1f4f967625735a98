namespace StoreMonitor.Grains.Hosting;

/// <summary>The <c>StoreMonitor</c> configuration section (command line <c>--StoreMonitor:Key=value</c>, environment <c>StoreMonitor__Key</c>).</summary>
public sealed class StoreMonitorOptions
{
    public const string SectionName = "StoreMonitor";

    /// <summary>Where the three input CSVs are read from. Relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Grain storage: <c>sqlite</c> (default), <c>postgres</c> (grain state and reminders in PostgreSQL; with it the Silo
    /// host and client-mode API also keep cluster membership there), <c>memory</c> (nothing survives a restart).
    /// </summary>
    public string Storage { get; set; } = StorageKinds.Sqlite;

    /// <summary>Ingest <see cref="DataDirectory"/> when the host starts, unless those exact files were ingested already.</summary>
    public bool IngestOnStart { get; set; } = true;

    /// <summary>Store grains updated at once during ingestion. SQLite serialises writers, so more does not help.</summary>
    public int IngestionConcurrency { get; set; } = 32;

    /// <summary>Store grains asked at once by each of the index partitions during a report.</summary>
    public int ReportConcurrencyPerPartition { get; set; } = 16;
}

public static class StorageKinds
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string Memory = "memory";

    public static bool IsPostgres(string storageKind) => string.Equals(storageKind.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);
}
