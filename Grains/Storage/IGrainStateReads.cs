namespace StoreMonitor.Grains.Storage;

/// <summary>Reads grain-state rows with the provider's own <c>ReadFromStorageKey</c> statement, many callers together.</summary>
internal interface IGrainStateReads
{
    /// <summary>The grain's stored row, or null when it has none.</summary>
    Task<StoredState?> ReadAsync(StateKey key);
}
