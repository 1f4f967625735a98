namespace StoreMonitor.Grains.Storage;

/// <summary>Writes grain-state rows with the provider's own <c>WriteToStorageKey</c> statement, many callers together.</summary>
internal interface IGrainStateWrites
{
    /// <summary>
    /// Completes, once <paramref name="write"/> is committed, with the grain's new version, or null when the version
    /// did not match (a conflict, which wrote nothing).
    /// </summary>
    Task<int?> WriteAsync(StateWrite write);
}
