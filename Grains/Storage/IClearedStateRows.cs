namespace StoreMonitor.Grains.Storage;

/// <summary>Deletes emptied grain-state rows (cleared states) straight from the storage table.</summary>
public interface IClearedStateRows
{
    /// <summary>
    /// Deletes the rows of <paramref name="serviceId"/> whose state is one of <paramref name="stateNames"/>, that hold
    /// no state, were last written more than <paramref name="keptFor"/> ago by the database's clock, and whose key is
    /// neither one of <paramref name="keptKeys"/> nor below one (<c>{key}/…</c>). Returns how many it deleted.
    /// </summary>
    Task<int> PurgeAsync(string serviceId, IReadOnlyList<string> stateNames, TimeSpan keptFor, IReadOnlyList<string> keptKeys, CancellationToken cancellationToken);
}
