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
/// lease lapses, and a new activation of this grain (its silo died) still knows who holds what. A run's lease is void
/// sooner when its holder is known to be gone: its silo declared dead or restarted (cluster membership), or its process
/// gone from its machine (<see cref="Abandon"/>, from a host on that machine). A run that never finished
/// leaves its data half-written: from its abandonment until a successor run completes, reports wait.
/// </summary>
[GrainType(GrainTypeNames.IngestionStatus)]
public sealed class IngestionLedgerGrain(
    [PersistentState(StateNames.IngestionStatus, StorageNames.Grains)] IPersistentState<IngestionLedgerState> state,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    IClusterMembershipService membership,
    ILogger<IngestionLedgerGrain> logger) : Grain, IIngestionLedgerGrain
{
    /// <summary>How long a run or a report may go without renewing its lease before it counts as abandoned.</summary>
    private readonly Duration _leaseDuration = Duration.FromTimeSpan(options.Value.IngestionLeaseDuration);

    private IngestionLedgerState State => state.State;

    private Instant Now => clock.GetCurrentInstant();

    public async Task<IngestionRunInfo?> TryBegin(IngestionRunInfo run)
    {
        if (run.Push && (State.CurrentRun is not null || State.Abandoned is { DataPending: true }))
        {
            // Held, or half a run is pending that only a file run reading its part again can make whole.
            return null;
        }

        if (HoldingRun() is { } holding)
        {
            if (GoneSilo(holding) is not { } reason)
            {
                return null;
            }

            VoidLease(holding, reason);
        }

        var granted = run with { RunNumber = State.LastRunNumber + 1, LeaseDuration = _leaseDuration };
        if (State.CurrentRun is { } previous)
        {
            // It never finished: what it wrote is merged idempotently by this run, which re-reads from the recorded
            // positions because the abandoned run never advanced them. Reports wait until this run completes.
            var abandoned = AbandonmentOf(previous) with { SuccessorRunId = granted.RunId, SuccessorRunNumber = granted.RunNumber };
            logger.LogWarning("Ingestion {RunId} (run {RunNumber}) abandoned: {Reason}; run {Successor} reads its part again",
                previous.RunId, previous.RunNumber, abandoned.Reason, granted.RunNumber);
            await AddToHistory(new IngestionRunEntry(previous.RunId, previous.RunNumber, previous.StartedAt, null, IngestionRunOutcome.Abandoned, 0, 0, 0,
                $"Abandoned: {abandoned.Reason}; run {granted.RunNumber} read its part again."));
            State.Abandoned = abandoned;
        }

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
        if (State.LastRun?.RunId == summary.RunId || State.History.Any(entry => entry.RunId == summary.RunId && entry.FinishedAt is not null))
        {
            // Recorded already: the caller retried a call whose answer it lost.
            return;
        }

        if (HoldingRun()?.RunId != summary.RunId)
        {
            // Abandoned or superseded: its lease lapsed or was voided, so it may have stopped writing mid-way, and
            // reports or another run may have come between. It must not replace the last completed run, nor advance
            // the file records, nor end the wait for a successor (the next run reads its part again).
            logger.LogWarning("Ingestion {RunId} finished after losing its lease; it is not recorded as completed", summary.RunId);
            await AddToHistory(Entry(summary, IngestionRunOutcome.Superseded));
            await state.WriteStateAsync();
            return;
        }

        State.CurrentRun = null;
        var completed = files is not null && summary.Error is null;
        if (completed && State.Abandoned is { DataPending: true } recovered)
        {
            // This run re-read what the abandoned one left half-written: its data is whole again. A run that failed
            // may have stopped before it did, so the data stays pending until one completes.
            State.Abandoned = recovered with { RecoveredAt = Now };
        }

        State.LastRun = summary with { RunNumber = State.LastRunNumber };
        await AddToHistory(Entry(State.LastRun, completed ? IngestionRunOutcome.Completed : IngestionRunOutcome.Failed));
        if (files is not null)
        {
            // Files that are gone (the drops the run removed past their retention too) are forgotten, so the record
            // stays as small as the data directory.
            State.Files = files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        }

        await state.WriteStateAsync();
    }

    public async Task<bool> EndPush(string runId)
    {
        if (HoldingRun() is not { Push: true } push || push.RunId != runId)
        {
            return false;
        }

        State.CurrentRun = null;
        await state.WriteStateAsync();
        return true;
    }

    public async Task Release(string runId)
    {
        if (HoldingRun()?.RunId == runId)
        {
            // What it wrote so far stays written: the run is abandoned, not undone, and reports wait for a successor.
            VoidLease(State.CurrentRun!, "its host stopped before the run finished");
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> Abandon(string runId, string reason)
    {
        if (HoldingRun()?.RunId != runId)
        {
            return false;
        }

        logger.LogWarning("Ingestion {RunId} abandoned at once: {Reason}", runId, reason);
        VoidLease(State.CurrentRun!, reason);
        await state.WriteStateAsync();
        return true;
    }

    public Task<IngestedFile[]> GetFiles() => Task.FromResult(State.Files.Values.ToArray());

    public Task<ReportReadGrant?> PeekReadGrant() =>
        Task.FromResult(ReportsWaitFor() is null ? new ReportReadGrant(State.LastRun?.RunId, State.LastRun?.RunNumber ?? 0) : null);

    public async Task<ReportReadGrant?> TryBeginReport(string reportId)
    {
        if (ReportsWaitFor() is not null)
        {
            return null;
        }

        State.ReportLeases[reportId] = Now + _leaseDuration;
        ForgetLapsedReports();
        await state.WriteStateAsync();
        return new ReportReadGrant(State.LastRun?.RunId, State.LastRun?.RunNumber ?? 0);
    }

    public async Task<bool> RenewReport(string reportId)
    {
        if (!State.ReportLeases.TryGetValue(reportId, out var expiry))
        {
            return false;
        }

        if (expiry <= Now)
        {
            // Lapsed: a run may have begun and written since, so the report's reading is no longer whole.
            State.ReportLeases.Remove(reportId);
            await state.WriteStateAsync();
            return false;
        }

        State.ReportLeases[reportId] = Now + _leaseDuration;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> EndReport(string reportId)
    {
        if (!State.ReportLeases.Remove(reportId, out var expiry))
        {
            return false;
        }

        await state.WriteStateAsync();
        return Now < expiry;
    }

    public Task<IngestionRunEntry[]> GetRuns(int limit) => Task.FromResult(State.History.Take(Math.Max(0, limit)).ToArray());

    public Task<IngestionStatus> GetStatus()
    {
        var running = HoldingRun();
        var ingestionState = running is not null ? IngestionState.Running
            : State.CurrentRun is not null || State.Abandoned is { DataPending: true } ? IngestionState.Pending
            : IngestionState.Idle;
        var abandoned = State.CurrentRun is { } current && running is null ? AbandonmentOf(current) : State.Abandoned;
        return Task.FromResult(new IngestionStatus(ingestionState, running, State.LastRun, LiveReports(), ReportsWaitFor(), abandoned));
    }

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

    /// <summary>
    /// Why a report cannot read now, or null when it can: a run holds the lease, or an abandoned run's half-written
    /// data waits for a successor to take over (none yet) or to complete.
    /// </summary>
    private string? ReportsWaitFor()
    {
        if (State.CurrentRun is { } current && HoldingRun() is null)
        {
            return $"Ingestion run {current.RunNumber} was abandoned ({AbandonmentOf(current).Reason}); reports wait until a run takes over and completes.";
        }

        if (State.Abandoned is { DataPending: true } abandoned)
        {
            return $"Ingestion run {abandoned.RunNumber} was abandoned ({abandoned.Reason}); reports wait until run {abandoned.SuccessorRunNumber}, which reads its part again, completes.";
        }

        return HoldingRun() switch
        {
            { Push: true } push => $"A push of polls (run {push.RunNumber}) is being written; reports wait until it is.",
            { } running => $"Ingestion run {running.RunNumber} is in progress; reports wait until it completes.",
            null => null,
        };
    }

    /// <summary>The recorded abandonment of a run that no longer holds its lease, or its lease lapsing if none was recorded.</summary>
    private AbandonedRun AbandonmentOf(IngestionRunInfo run) => State.Abandoned is { } recorded && recorded.RunId == run.RunId
        ? recorded
        : new AbandonedRun(run.RunId, run.RunNumber, run.StartedAt, State.LeaseExpiresAt,
            $"its lease lapsed at {State.LeaseExpiresAt} without a renewal (its host stopped or lost touch with the cluster)");

    /// <summary>Voids a run's lease now, keeping it as the current run: its data is pending until a successor completes.</summary>
    private void VoidLease(IngestionRunInfo run, string reason)
    {
        State.LeaseExpiresAt = Now;
        State.Abandoned = new AbandonedRun(run.RunId, run.RunNumber, run.StartedAt, Now, reason);
    }

    /// <summary>
    /// Why cluster membership says the silo that hosts a run's holder is gone, or null: declared dead, or a newer
    /// generation of it (the same endpoint, restarted) is active. An unknown silo is not taken for gone: it may be
    /// one this silo has not heard of yet.
    /// </summary>
    private string? GoneSilo(IngestionRunInfo run)
    {
        if (run.Holder?.Silo is not { } silo)
        {
            return null;
        }

        var address = SiloAddress.FromParsableString(silo);
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.GetSiloStatus(address) == SiloStatus.Dead)
        {
            return $"the cluster declared its silo {silo} dead";
        }

        var restarted = snapshot.Members.Values.FirstOrDefault(member => member.Status == SiloStatus.Active
            && member.SiloAddress.Endpoint.Equals(address.Endpoint) && member.SiloAddress.Generation > address.Generation);
        return restarted is null ? null : $"its silo {silo} restarted as {restarted.SiloAddress.ToParsableString()}";
    }

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
