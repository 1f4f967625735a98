namespace StoreMonitor.Tests.Support;

/// <summary>
/// Holds a grain's writes inside the storage (the grain has handed them over, the database has not seen them) until
/// the test releases them: a write in flight for as long as the test needs to call the grain meanwhile. Made by
/// <see cref="FaultInjectingGrainStorage.HoldWrites"/>; a held write then passes, or fails as its fault plan says.
/// </summary>
public sealed class WriteHold(Func<object, bool> when)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held write arrives.</summary>
    public Task Entered => _entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public void Release() => _released.TrySetResult();

    internal async Task PassAsync(object state)
    {
        if (when(state))
        {
            _entered.TrySetResult();
            await _released.Task;
        }
    }
}
