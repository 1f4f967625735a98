namespace StoreMonitor.Grains.Interfaces.Ingestion;

/// <summary>
/// The cluster-wide record of data ingestion (a single grain, key 0): whether a run is in progress and what
/// the last one did. Reports consult it so they never read a half-ingested file.
/// </summary>
public interface IIngestionStatusGrain : IGrainWithIntegerKey
{
    /// <summary>Marks a run as started. Returns false when another run is already in progress.</summary>
    Task<bool> TryBegin(IngestionRunInfo run);

    /// <summary>Keeps a run's lease alive. A run whose host died stops blocking reports once its lease lapses.</summary>
    Task Heartbeat(string runId);

    Task Complete(IngestionSummary summary);

    [AlwaysInterleave]
    Task<IngestionStatus> GetStatus();
}
