namespace StoreMonitor.Grains.Stores;

/// <summary>An update from an ingestion run older than one the store has already taken: that run lost its lease.</summary>
[GenerateSerializer, Alias("StoreMonitor.StaleIngestionRunException")]
public sealed class StaleIngestionRunException : Exception
{
    public StaleIngestionRunException()
    {
    }

    public StaleIngestionRunException(string message)
        : base(message)
    {
    }

    public StaleIngestionRunException(string storeId, long runNumber, long newestRunNumber)
        : base($"store '{storeId}' refused an update of ingestion run {runNumber}: run {newestRunNumber} already wrote it")
    {
    }

    public StaleIngestionRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
