namespace StoreMonitor.Grains.Ingestion;

/// <summary>
/// What the host that reads the CSVs (the API host) needs from the <c>StoreMonitor</c> configuration
/// section. Silos never read files, so none of this is theirs.
/// </summary>
public sealed class IngestionOptions
{
    public const string SectionName = "StoreMonitor";

    /// <summary>Where the input CSVs are read from. Relative paths are looked up from the working directory upwards.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Ingest <see cref="DataDirectory"/> when the host starts, unless those exact files were ingested already.</summary>
    public bool IngestOnStart { get; set; } = true;

    /// <summary>Store grains updated at once during ingestion. SQLite serialises writers, so more does not help.</summary>
    public int IngestionConcurrency { get; set; } = 32;
}
