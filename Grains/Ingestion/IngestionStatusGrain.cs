using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.Ingestion;

/// <summary>The cluster-wide ingestion record. A run holds a lease that its runner renews; a lapsed lease frees it.</summary>
public sealed class IngestionStatusGrain(
    [PersistentState("ingestion-status", StorageNames.Grains)] IPersistentState<IngestionStatusState> state,
    IClock clock) : Grain, IIngestionStatusGrain
{
    /// <summary>How long a run may go without a heartbeat before it counts as abandoned (its host died).</summary>
    public static readonly Duration LeaseDuration = Duration.FromMinutes(2);

    public async Task<bool> TryBegin(IngestionRunInfo run)
    {
        if (IsRunning())
        {
            return false;
        }

        state.State.CurrentRun = run;
        state.State.CurrentRunHeartbeat = clock.GetCurrentInstant();
        await state.WriteStateAsync();
        return true;
    }

    public Task Heartbeat(string runId)
    {
        // In memory only: the lease matters to the living cluster; a restart forgets an unfinished run anyway.
        if (state.State.CurrentRun?.RunId == runId)
        {
            state.State.CurrentRunHeartbeat = clock.GetCurrentInstant();
        }

        return Task.CompletedTask;
    }

    public async Task Complete(IngestionSummary summary)
    {
        if (state.State.CurrentRun?.RunId == summary.RunId)
        {
            state.State.CurrentRun = null;
            state.State.CurrentRunHeartbeat = null;
        }

        state.State.LastRun = summary;
        await state.WriteStateAsync();
    }

    public Task<IngestionStatus> GetStatus() => Task.FromResult(IsRunning()
        ? new IngestionStatus(IngestionState.Running, state.State.CurrentRun, state.State.LastRun)
        : new IngestionStatus(IngestionState.Idle, null, state.State.LastRun));

    private bool IsRunning() =>
        state.State.CurrentRun is not null
        && state.State.CurrentRunHeartbeat is { } heartbeat
        && clock.GetCurrentInstant() - heartbeat < LeaseDuration;
}
