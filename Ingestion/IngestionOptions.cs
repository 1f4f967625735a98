using Microsoft.Extensions.Configuration;

namespace StoreMonitor.Ingestion;

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

    /// <summary>How long applied poll drops are kept (<c>StoreMonitor:Inbox:Retention</c>).</summary>
    public InboxOptions Inbox { get; set; } = new();

    /// <summary>
    /// Store grains of one delivered batch (one index partition's stores, at most 256) updated at once on their silo.
    /// Their state writes are committed in groups (SQLite's writer, PostgreSQL's batches of statements), and the more
    /// are in flight, the fewer and larger the groups: a write's cost is mostly its group's (docs/BENCHMARKS.md,
    /// "A cluster on PostgreSQL").
    /// </summary>
    public int IngestionConcurrency { get; set; } = 256;

    /// <summary>
    /// The largest share (0 to 1) of the stores an hours, zone or special hours file named that a changed version (or an upload) may
    /// drop the rows of; more is refused unless an upload says <c>?replace=true</c>. 1 lets every replacement through.
    /// </summary>
    public double MaxDroppedStoreShare { get; set; } = 0.5;

    /// <summary>
    /// The most bytes of poll rows one pass of a run collects before sending them to the stores. A run reading more
    /// reads its poll files in several passes, each holding the polls of a share of the stores only (about 9 bytes of
    /// memory for each poll, rows being 40 to 60 bytes), so the host's memory does not grow with the dataset; each
    /// pass after the first costs one more read of the files (see docs/INGESTION.md).
    /// </summary>
    public long PollBytesPerPass { get; set; } = DefaultPollBytesPerPass;

    public const long DefaultPollBytesPerPass = 2L << 30;

    public static IngestionOptions Bind(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<IngestionOptions>() ?? new();

    /// <summary>Every reason these settings cannot be used, each naming its configuration key; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (IngestionConcurrency < 1)
        {
            problems.Add("StoreMonitor:IngestionConcurrency must be at least 1.");
        }

        if (ScanInterval < TimeSpan.Zero)
        {
            problems.Add("StoreMonitor:ScanInterval must not be negative (00:00:00 turns the scan off).");
        }

        if (Inbox.Retention < TimeSpan.Zero)
        {
            problems.Add("StoreMonitor:Inbox:Retention must not be negative (00:00:00 keeps every drop).");
        }

        if (!(MaxDroppedStoreShare is >= 0 and <= 1))
        {
            problems.Add("StoreMonitor:MaxDroppedStoreShare must be between 0 and 1 (1 lets every hours or zone file replace the one before).");
        }

        if (PollBytesPerPass < 1)
        {
            problems.Add("StoreMonitor:PollBytesPerPass must be at least 1 (bytes of poll rows a pass of a run holds).");
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add("StoreMonitor:DataDirectory must not be empty.");
        }

        return problems;
    }
}
