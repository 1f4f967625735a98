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

    /// <summary>Ingest <see cref="DataDirectory"/> when the host starts, unless every file is as the last run left it.</summary>
    public bool IngestOnStart { get; set; } = true;

    /// <summary>
    /// How often the API host looks for new or changed input files and ingests what is new; <c>00:00:00</c> turns the
    /// scan off (then only start-up and <c>POST /ingestion</c> ingest).
    /// </summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Store grains updated at once during ingestion. SQLite serialises writers, so more does not help.</summary>
    public int IngestionConcurrency { get; set; } = 32;
}
