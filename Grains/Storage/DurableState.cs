namespace StoreMonitor.Grains.Storage;

/// <summary>
/// A grain's persistent state as its callers see it: only what storage holds. <see cref="IPersistentState{T}"/>
/// writes its <c>State</c>, so a new state must be set there before the write; read from there, it would show every
/// call that interleaves with the write (a read-only query, a background run's turns) a state that is not stored yet,
/// and that a refused write then takes back. Here a new state becomes <see cref="Current"/> only once it is durable;
/// a refused write leaves everything as it was, so a retry builds and writes the right state again.
/// </summary>
/// <remarks>A grain writes one state at a time (its writes come from calls that do not interleave, or one run).</remarks>
public sealed class DurableState<T>(IPersistentState<T> state)
    where T : class
{
    private T? _stored;

    /// <summary>The state last stored (or read on activation). Never change it in place: build the next one with <see cref="ReplaceAsync"/>.</summary>
    public T Current => _stored ?? state.State;

    /// <summary>Writes <paramref name="next"/>, a new object, and only then makes it <see cref="Current"/>.</summary>
    public async Task ReplaceAsync(T next)
    {
        var current = Current;
        _stored = current;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = current;
            throw;
        }
        finally
        {
            _stored = null;
        }
    }

    /// <summary>Deletes the stored record, and only then shows <paramref name="empty"/>.</summary>
    public async Task ClearAsync(T empty)
    {
        _stored = Current;
        try
        {
            await state.ClearStateAsync();
        }
        finally
        {
            _stored = null;
        }

        state.State = empty;
    }
}
