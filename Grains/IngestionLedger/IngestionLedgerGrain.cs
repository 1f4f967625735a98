using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Grains.IngestionLedger;

/// <summary>
/// The cluster-wide ingestion record and the lock between runs and reports (one writer or many readers). Both kinds
/// of lease are persisted with an expiry: a runner or report whose process dies stops blocking the others once its
/// lease lapses, and a new activation of this grain (its silo died) still knows who holds what.
/// </summary>
[GrainType(GrainTypeNames.IngestionStatus)]
public sealed class IngestionLedgerGrain(
    [PersistentState(StateNames.IngestionStatus, StorageNames.Grains)] IPersistentState<IngestionLedgerState> state,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    ILogger<IngestionLedgerGrain> logger) : Grain, IIngestionLedgerGrain
{
    /// <summary>How long a run or a report may go without renewing its lease before it counts as abandoned.</summary>
    private readonly Duration _leaseDuration = Duration.FromTimeSpan(options.Value.IngestionLeaseDuration);

    private IngestionLedgerState State => state.State;

    private Instant Now => clock.GetCurrentInstant();

    public async Task<IngestionRunInfo?> TryBegin(IngestionRunInfo run)
    {
        if (HoldingRun() is not null)
        {
            return null;
        }

        if (State.CurrentRun is { } abandoned)
        {
            // Its runner died: what it wrote is merged idempotently by the next run, which re-reads from the recorded
            // positions because the abandoned run never advanced them.
            logger.LogWarning("Ingestion {RunId} abandoned: its lease lapsed at {ExpiresAt}", abandoned.RunId, State.LeaseExpiresAt);
            await AddToHistory(new IngestionRunEntry(abandoned.RunId, abandoned.RunNumber, abandoned.StartedAt, null, IngestionRunOutcome.Abandoned, 0, 0, 0,
                $"Abandoned: its lease lapsed at {State.LeaseExpiresAt} (its host stopped); the next run read its part again."));
        }

        var granted = run with { RunNumber = State.LastRunNumber + 1 };
        State.LastRunNumber = granted.RunNumber;
        State.CurrentRun = granted;
        State.LeaseExpiresAt = Now + _leaseDuration;
        await state.WriteStateAsync();
        return granted;
    }

    public async Task<bool> Heartbeat(string runId)
    {
        // A lapsed lease is lost even if no other run took it yet: reports may have read since, so writing on would
        // show them half a run.
        if (HoldingRun()?.RunId != runId)
        {
            return false;
        }

        State.LeaseExpiresAt = Now + _leaseDuration;
        await state.WriteStateAsync();
        return true;
    }

    public Task<bool> ReportsDrained(string runId) =>
        Task.FromResult(HoldingRun()?.RunId == runId && LiveReports() == 0);

    public async Task Complete(IngestionSummary summary, IngestedFile[]? files)
    {
        if (HoldingRun()?.RunId != summary.RunId)
        {
            // Abandoned or superseded: its lease lapsed, so reports or another run may have come between. It must not
            // replace the last completed run, nor advance the file records (the next run reads its part again).
            logger.LogWarning("Ingestion {RunId} finished after losing its lease; it is not recorded as completed", summary.RunId);
            if (State.CurrentRun?.RunId == summary.RunId)
            {
                State.CurrentRun = null;
            }

            await AddToHistory(Entry(summary, IngestionRunOutcome.Superseded));
            await state.WriteStateAsync();
            return;
        }

        State.CurrentRun = null;
        State.LastRun = summary with { RunNumber = State.LastRunNumber };
        await AddToHistory(Entry(State.LastRun, files is not null && summary.Error is null ? IngestionRunOutcome.Completed : IngestionRunOutcome.Failed));
        if (files is not null)
        {
            // Files that are gone are forgotten, so the record stays as small as the data directory.
            State.Files = files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        }

        await state.WriteStateAsync();
    }

    public async Task Release(string runId)
    {
        if (State.CurrentRun?.RunId == runId)
        {
            State.CurrentRun = null;
            await state.WriteStateAsync();
        }
    }

    public Task<IngestedFile[]> GetFiles() => Task.FromResult(State.Files.Values.ToArray());

    public Task<ReportReadGrant?> PeekReadGrant() =>
        Task.FromResult(HoldingRun() is null ? new ReportReadGrant(State.LastRun?.RunId, State.LastRun?.RunNumber ?? 0) : null);

    public async Task<ReportReadGrant?> TryBeginReport(string reportId)
    {
        if (HoldingRun() is not null)
        {
            return null;
        }

        State.ReportLeases[reportId] = Now + _leaseDuration;
        ForgetLapsedReports();
        await state.WriteStateAsync();
        return new ReportReadGrant(State.LastRun?.RunId, State.LastRun?.RunNumber ?? 0);
    }

    public async Task RenewReport(string reportId)
    {
        if (State.ReportLeases.ContainsKey(reportId))
        {
            State.ReportLeases[reportId] = Now + _leaseDuration;
            await state.WriteStateAsync();
        }
    }

    public async Task EndReport(string reportId)
    {
        if (State.ReportLeases.Remove(reportId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IngestionRunEntry[]> GetRuns(int limit) => Task.FromResult(State.History.Take(Math.Max(0, limit)).ToArray());

    public Task<IngestionStatus> GetStatus() => Task.FromResult(HoldingRun() is { } run
        ? new IngestionStatus(IngestionState.Running, run, State.LastRun, LiveReports())
        : new IngestionStatus(IngestionState.Idle, null, State.LastRun, LiveReports()));

    private static IngestionRunEntry Entry(IngestionSummary summary, IngestionRunOutcome outcome) => new(
        summary.RunId, summary.RunNumber, summary.StartedAt, summary.FinishedAt, outcome, summary.StoresUpdated,
        summary.Files.Sum(file => file.RowsRead), summary.Files.Sum(file => file.Rejected), summary.Error);

    /// <summary>Adds a run in front (the caller writes the state) and forgets the runs that fall off the end.</summary>
    private async Task AddToHistory(IngestionRunEntry entry)
    {
        State.History.Insert(0, entry);
        if (State.History.Count > IngestionHistory.Length)
        {
            var dropped = State.History.GetRange(IngestionHistory.Length, State.History.Count - IngestionHistory.Length);
            State.History.RemoveRange(IngestionHistory.Length, dropped.Count);
            await Task.WhenAll(dropped.Select(run => GrainFactory.GetGrain<IIngestionRunGrain>(run.RunId).Forget()));
        }
    }

    /// <summary>The run whose lease is live, if any.</summary>
    private IngestionRunInfo? HoldingRun() => State.CurrentRun is { } run && Now < State.LeaseExpiresAt ? run : null;

    private int LiveReports()
    {
        var now = Now;
        return State.ReportLeases.Values.Count(expiry => now < expiry);
    }

    private void ForgetLapsedReports()
    {
        var now = Now;
        foreach (var lapsed in State.ReportLeases.Where(lease => lease.Value <= now).Select(lease => lease.Key).ToArray())
        {
            State.ReportLeases.Remove(lapsed);
        }
    }
}
