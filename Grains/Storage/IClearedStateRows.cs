namespace StoreMonitor.Grains.Storage;

/// <summary>Deletes emptied grain-state rows (cleared states) straight from the storage table.</summary>
public interface IClearedStateRows
{
    /// <summary>
    /// Deletes up to <paramref name="atMost"/> rows of <paramref name="serviceId"/> whose state is one of
    /// <paramref name="stateNames"/>, that hold no state, were last written more than <paramref name="keptFor"/> ago by
    /// the database's clock, and whose key is neither one of <paramref name="keptKeys"/> nor below one
    /// (<c>{key}/…</c>), in one statement. Returns how many it deleted.
    /// </summary>
    Task<int> DeleteAsync(string serviceId, IReadOnlyList<string> stateNames, TimeSpan keptFor, IReadOnlyList<string> keptKeys, int atMost, CancellationToken cancellationToken);
}
