namespace StoreMonitor.Grains.Interfaces.Ingestion;

/// <summary>
/// The cluster-wide record of data ingestion (a single grain, key 0): whether a run is in progress and what
/// the last one did. Reports consult it so they never read a half-ingested file.
/// </summary>
[Alias("StoreMonitor.IIngestionStatusGrain")]
public interface IIngestionStatusGrain : IGrainWithIntegerKey
{
    /// <summary>Marks a run as started. Returns false when another run is already in progress.</summary>
    [Alias("TryBegin")]
    Task<bool> TryBegin(IngestionRunInfo run);

    /// <summary>Keeps a run's lease alive. A run whose host died stops blocking reports once its lease lapses.</summary>
    [Alias("Heartbeat")]
    Task Heartbeat(string runId);

    [Alias("Complete")]
    Task Complete(IngestionSummary summary);

    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<IngestionStatus> GetStatus();
}
