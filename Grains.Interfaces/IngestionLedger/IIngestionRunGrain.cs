namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>One ingestion run, keyed by run id: its full summary and its rejected rows as a CSV, kept while the run is in the history.</summary>
[Alias("StoreMonitor.IIngestionRunGrain")]
public interface IIngestionRunGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(IngestionSummary summary, byte[] rejectsCsv);

    [Alias("GetSummary")]
    [AlwaysInterleave]
    Task<IngestionSummary?> GetSummary();

    /// <summary>The rejected rows as <c>file,line,reason,raw</c> (UTF-8); null for a run that is not (or no longer) kept.</summary>
    [Alias("GetRejectsCsv")]
    [AlwaysInterleave]
    Task<byte[]?> GetRejectsCsv();

    /// <summary>Drops the run once it falls out of the bounded history.</summary>
    [Alias("Forget")]
    Task Forget();
}
