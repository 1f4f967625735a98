using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.IngestionRuns;

/// <summary>
/// The cluster-wide ingestion record. The run in progress lives in memory only, under a lease its runner
/// renews: a runner that dies (or a whole process killed and restarted) never leaves a phantom run behind
/// to block reports. Only finished runs' summaries are persisted.
/// </summary>
[GrainType("ingestionstatus")]
public sealed class IngestionStatusGrain(
    [PersistentState(StateNames.IngestionStatus, StorageNames.Grains)] IPersistentState<IngestionStatusState> state,
    IClock clock) : Grain, IIngestionStatusGrain
{
    /// <summary>How long a run may go without a heartbeat before it counts as abandoned.</summary>
    public static readonly Duration LeaseDuration = Duration.FromMinutes(2);

    private IngestionRunInfo? _currentRun;
    private Instant _lastHeartbeat;

    public Task<bool> TryBegin(IngestionRunInfo run)
    {
        if (IsRunning())
        {
            return Task.FromResult(false);
        }

        _currentRun = run;
        _lastHeartbeat = clock.GetCurrentInstant();
        // Stay active while a run is in progress: deactivation would forget it.
        DelayDeactivation(TimeSpan.FromHours(24));
        return Task.FromResult(true);
    }

    public Task Heartbeat(string runId)
    {
        if (_currentRun?.RunId == runId)
        {
            _lastHeartbeat = clock.GetCurrentInstant();
        }

        return Task.CompletedTask;
    }

    public async Task Complete(IngestionSummary summary)
    {
        if (_currentRun?.RunId == summary.RunId)
        {
            _currentRun = null;
            DelayDeactivation(TimeSpan.Zero);
        }

        state.State.LastRun = summary;
        await state.WriteStateAsync();
    }

    public Task<IngestionStatus> GetStatus() => Task.FromResult(IsRunning()
        ? new IngestionStatus(IngestionState.Running, _currentRun, state.State.LastRun)
        : new IngestionStatus(IngestionState.Idle, null, state.State.LastRun));

    private bool IsRunning() => _currentRun is not null && clock.GetCurrentInstant() - _lastHeartbeat < LeaseDuration;
}
