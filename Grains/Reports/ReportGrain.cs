using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Configuration;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Diagnostics;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// One report run. It persists "Running" before answering, computes in the background with a
/// <see cref="ReportComputation"/>, and records the outcome. A record is replaced only once its successor
/// is durable; when recording the outcome keeps failing, the grain deactivates and the next activation,
/// finding the report still Running in storage, runs it again. So a report never stays Running forever
/// and never shows a result that is not stored. While it runs it holds a reminder: if its silo dies, the silo
/// that takes over the reminder re-activates it, so the report completes even when nobody polls it.
/// </summary>
[GrainType(GrainTypeNames.Report)]
public sealed class ReportGrain(
    [PersistentState(StateNames.Report, StorageNames.Grains)] IPersistentState<ReportGrainState> state,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    IOptions<SiloMessagingOptions> messaging,
    ILogger<ReportGrain> logger) : Grain, IReportGrain, IRemindable
{
    private static readonly TimeSpan[] RecordRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly CancellationTokenSource _deactivating = new();

    // What every call sees of the report's record: only what is stored (GetStatus and GetContent interleave with
    // the write of a new record, and so does every turn of the background run).
    private readonly DurableState<ReportGrainState> _record = new(state);

    private ReportComputation? _computation;
    private ReportScheduling? _scheduling;
    private Task? _run;

    private string ReportId => this.GetPrimaryKeyString();

    private bool IsWarmUp => ReportId == ReportWarmUp.ReportId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_record.Current.Status == ReportState.Running)
        {
            logger.LogInformation("Report {ReportId} was left running by a previous activation; running it again", ReportId);
            StartRun();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The silo may be going away mid-run: the report stays Running and its reminder resumes it elsewhere.
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_record.Current.Status != ReportState.Running)
        {
            await ForgetReminderAsync();
        }
        else if (_run is null)
        {
            StartRun();
        }
    }

    public async Task<ReportStatus> Start(ReportRequest request)
    {
        if (request.AsOf is { } asOf && !PollTimeline.IsSupported(asOf))
        {
            // The API answers 400 for such a time; any other caller learns it here, not from an overflow mid-run.
            throw new ArgumentOutOfRangeException(
                nameof(request),
                $"as_of {asOf} is outside the supported range, from {PollTimeline.EarliestSupported} up to (not including) {PollTimeline.LatestSupported}.");
        }

        if (request.Options is { } options && ProblemWith(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        if (_record.Current.Status == ReportState.Unknown)
        {
            // The SPEC report is recorded without options, as it always was.
            var recorded = request.Options is { IsSpecReport: false } ? request.Options : null;
            await RecordAsync(ReportGrainState.Running(request.AsOf, clock.GetCurrentInstant(), recorded));
            await this.RegisterOrUpdateReminder(ReportReminder.Name, ReportReminder.Period, ReportReminder.Period);
            logger.LogInformation("Report {ReportId} started", ReportId);
            StartRun();
        }

        return Status();
    }

    public Task<ReportStatus> GetStatus() => Task.FromResult(Status());

    /// <summary>The API answers 400 for such options, naming the option; any other caller learns it here.</summary>
    private static string? ProblemWith(ReportOptions options) =>
        options.Windows is { Length: 0 or > ReportOptions.MaxWindows } ? $"A report has 1 to {ReportOptions.MaxWindows} windows."
        : options.StoreIds is { Length: > ReportOptions.MaxStores } ? $"A report names at most {ReportOptions.MaxStores} stores."
        : options.Windows?.FirstOrDefault(window => window.Kind == UptimeWindowKind.Range && UptimeWindow.RangeProblem(window.Name, window.From, window.To) is not null) is { Name: { } name } range
            ? $"Window '{name}': {UptimeWindow.RangeProblem(name, range.From, range.To)}."
        : null;

    public async Task<ReportContent?> GetContent()
    {
        var record = _record.Current;
        return record.Status != ReportState.Complete ? null
            : record.SharedFrom is { } leader ? await GrainFactory.GetGrain<IReportGrain>(leader).GetContent()
            : record.Csv is { } whole ? new ReportContent(ReportId, [], whole.Length, whole)
            : new ReportContent(ReportId, record.PartsPerPartition ?? [], record.ByteCount, Header: record.Options?.Layout().Header);
    }

    public async Task<bool> Expire()
    {
        var record = _record.Current;
        if (record.Status == ReportState.Running)
        {
            return false;
        }

        if (record.Status != ReportState.Unknown)
        {
            // First, so that no report starts following this one from now on.
            await GrainFactory.GetGrain<IReportQueueGrain>(0).StopSharing(ReportId);
            if (record.SharedFrom is null && record.PartsPerPartition is { } parts)
            {
                var keys = parts.SelectMany((count, partition) => Enumerable.Range(0, count).Select(slice => ReportParts.Key(ReportId, partition, slice)));
                foreach (var chunk in keys.Chunk(16))
                {
                    await Task.WhenAll(chunk.Select(key => GrainFactory.GetGrain<IReportPartGrain>(key).Clear()));
                }
            }

            await _record.ClearAsync(new ReportGrainState());
            await ForgetReminderAsync();
            logger.LogInformation("Report {ReportId} expired: its rows and record are deleted", ReportId);
        }

        DeactivateOnIdle();
        return true;
    }

    private void StartRun()
    {
        // Keep the activation while the background run is in flight: no request holds it alive meanwhile.
        DelayDeactivation(TimeSpan.FromHours(2));
        var retention = options.Value.RetentionDays > 0 ? Duration.FromDays(options.Value.RetentionDays) : (Duration?)null;
        _computation = new ReportComputation(GrainFactory, ReportFanOut.From(options.Value, messaging.Value), logger, ReportId, _deactivating.Token, retention);
        _scheduling = new ReportScheduling(GrainFactory, ReportId);
        _run ??= RunAsync(_computation, _scheduling);
    }

    private async Task RunAsync(ReportComputation computation, ReportScheduling scheduling)
    {
        // Yield first so the request that started the run is answered at once.
        await Task.Yield();
        var elapsed = Stopwatch.StartNew();
        ReportGrainState outcome;
        try
        {
            outcome = await ComputeOrShareAsync(computation, scheduling);
            if (!IsWarmUp)
            {
                StoreMonitorMetrics.ReportFinished(succeeded: true, elapsed.Elapsed, outcome.StoresTotal);
            }
        }
        catch (Exception error) when (_deactivating.IsCancellationRequested)
        {
            logger.LogWarning(error, "Report {ReportId} interrupted by deactivation; its reminder resumes it elsewhere", ReportId);
            return;
        }
        catch (Exception error)
        {
            StoreMonitorMetrics.ReportFinished(succeeded: false, elapsed.Elapsed, computation.StoresDone);
            // The exception is for the operator, here; the report's error says in words what failed and what to do.
            logger.LogError(error, "Report {ReportId} failed", ReportId);
            var phase = scheduling.Phase ?? computation.Phase;
            outcome = _record.Current.Failed(ReportFailure.Describe(ReportId, phase, error), clock.GetCurrentInstant());
        }

        var recorded = await TryRecordOutcomeAsync(outcome);
        await LeaveQueueAsync(scheduling, completed: recorded && outcome.Status == ReportState.Complete);
        if (!recorded)
        {
            // Storage still says Running: a fresh activation will run the report again.
            _run = null;
            DeactivateOnIdle();
            return;
        }

        DelayDeactivation(TimeSpan.Zero);
        await ForgetReminderAsync();
    }

    private async Task ForgetReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ReportReminder.Name) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception error) when (error is ReminderException or OrleansException or TimeoutException)
        {
            // Harmless: a leftover reminder finds the report finished and unregisters itself on its next tick.
            logger.LogWarning(error, "Report {ReportId}: could not unregister its reminder", ReportId);
        }
    }

    /// <summary>
    /// Computes under the cluster-wide cap on reports at once, or, when an identical report (same inputs, see
    /// <see cref="ReportFingerprint"/>) is running or done, takes its result instead of computing again.
    /// </summary>
    private async Task<ReportGrainState> ComputeOrShareAsync(ReportComputation computation, ReportScheduling scheduling)
    {
        while (true)
        {
            // The fingerprint names the last completed ingestion run, so a report only ever shares a result computed
            // from the same runs; a follower then reports the leader's included run (see CompletedFrom).
            var included = await computation.WaitForIngestionAsync();
            var fingerprint = await FingerprintAsync(included);
            var admission = await scheduling.AdmitAsync(fingerprint);
            if (admission.LeaderReportId is { } leader)
            {
                if (await scheduling.FollowAsync(leader) is { } shared)
                {
                    logger.LogInformation("Report {ReportId} complete: shares the computation of identical report {LeaderId}", ReportId, leader);
                    return _record.Current.CompletedFrom(leader, shared, clock.GetCurrentInstant());
                }

                // The leader failed: ask again, to follow another or to compute.
                continue;
            }

            var started = clock.GetCurrentInstant();
            // The computation waits for ingestion again: one may have started while this report queued.
            var result = await scheduling.HoldSlotWhileAsync(fingerprint, () => computation.RunAsync(_record.Current.RequestedAsOf, _record.Current.Options));
            logger.LogInformation(
                "Report {ReportId} computed: {Rows} rows from {Stores} stores as of {AsOf} in {Seconds:F3} s",
                ReportId, result.RowCount, result.StoresTotal, result.AsOf, (clock.GetCurrentInstant() - started).TotalSeconds);
            return _record.Current.Completed(result, clock.GetCurrentInstant());
        }
    }

    private async Task<string> FingerprintAsync(ReportReadGrant included)
    {
        var overviews = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => GrainFactory.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        var fingerprint = ReportFingerprint.Of(_record.Current.RequestedAsOf, included, overviews, _record.Current.Options);
        // The warm-up is deleted as soon as it is done: no other report may take its rows, so its fingerprint matches no other.
        return IsWarmUp ? $"{fingerprint}:{ReportWarmUp.ReportId}:{Guid.NewGuid():N}" : fingerprint;
    }

    private async Task LeaveQueueAsync(ReportScheduling scheduling, bool completed)
    {
        try
        {
            await scheduling.LeaveAsync(completed);
        }
        catch (Exception error)
        {
            // The slot's lease lapses on its own; this only frees it sooner.
            logger.LogWarning(error, "Report {ReportId} could not leave the report queue", ReportId);
        }
    }

    private async Task<bool> TryRecordOutcomeAsync(ReportGrainState outcome)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await RecordAsync(outcome);
                return true;
            }
            catch (Exception error) when (attempt < RecordRetryDelays.Length)
            {
                logger.LogWarning(error, "Report {ReportId}: recording {Status} failed (attempt {Attempt}); retrying", ReportId, outcome.Status, attempt + 1);
                await Task.Delay(RecordRetryDelays[attempt]);
            }
            catch (Exception error)
            {
                logger.LogError(error, "Report {ReportId}: recording {Status} failed; the report will run again on its next activation", ReportId, outcome.Status);
                return false;
            }
        }
    }

    /// <summary>Makes <paramref name="next"/> the report's record once it is durable; on failure the old record stays.</summary>
    private Task RecordAsync(ReportGrainState next) => _record.ReplaceAsync(next);

    private ReportStatus Status()
    {
        var record = _record.Current;
        var running = record.Status == ReportState.Running;
        // Queued or following another report: the scheduling's view; computing: the computation's.
        var following = _scheduling?.Phase is not null and not ReportPhase.Queued;
        return new ReportStatus(
            ReportId,
            record.Status,
            record.RequestedAsOf,
            record.AsOf,
            record.CreatedAt,
            record.FinishedAt,
            !running ? record.StoresTotal : following ? _scheduling!.StoresDone : _computation?.StoresDone ?? 0,
            !running ? record.StoresTotal : following ? _scheduling!.StoresTotal : _computation?.StoresTotal ?? 0,
            record.RowCount,
            record.Error,
            record.Warnings,
            running ? _scheduling?.Phase ?? _computation?.Phase ?? ReportPhase.None : ReportPhase.Done,
            running ? _scheduling?.QueuePosition ?? 0 : 0,
            running ? _computation?.IncludedRuns?.LastRunId : record.IncludedRunId,
            running ? _computation?.IncludedRuns?.LastRunNumber ?? 0 : record.IncludedRunNumber,
            running ? _scheduling?.WaitingFor ?? _computation?.WaitingFor : null,
            record.SharedFrom,
            running ? _scheduling?.Following : null,
            record.Options);
    }
}
