using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Uptime;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// One report run. It persists "Running" before answering, computes in the background with a
/// <see cref="ReportComputation"/>, and records the outcome. A record is replaced only once its successor
/// is durable; when recording the outcome keeps failing, the grain deactivates and the next activation,
/// finding the report still Running in storage, runs it again. So a report never stays Running forever
/// and never shows a result that is not stored. While it runs it holds a reminder: if its silo dies, the silo
/// that takes over the reminder re-activates it, so the report completes even when nobody polls it.
/// </summary>
[GrainType("report")]
public sealed class ReportGrain(
    [PersistentState(StateNames.Report, StorageNames.Grains)] IPersistentState<ReportGrainState> state,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    ILogger<ReportGrain> logger) : Grain, IReportGrain, IRemindable
{
    private static readonly TimeSpan[] RecordRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly CancellationTokenSource _deactivating = new();
    private ReportComputation? _computation;
    private Task? _run;

    private string ReportId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == ReportState.Running)
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
        if (state.State.Status != ReportState.Running)
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

        if (state.State.Status == ReportState.Unknown)
        {
            await RecordAsync(ReportGrainState.Running(request.AsOf, clock.GetCurrentInstant()));
            await this.RegisterOrUpdateReminder(ReportReminder.Name, ReportReminder.Period, ReportReminder.Period);
            logger.LogInformation("Report {ReportId} started", ReportId);
            StartRun();
        }

        return Status();
    }

    public Task<ReportStatus> GetStatus() => Task.FromResult(Status());

    public Task<byte[]?> GetCsv() => Task.FromResult(state.State.Status == ReportState.Complete ? state.State.Csv : null);

    private void StartRun()
    {
        // Keep the activation while the background run is in flight: no request holds it alive meanwhile.
        DelayDeactivation(TimeSpan.FromHours(2));
        _computation = new ReportComputation(GrainFactory, options.Value.ReportConcurrencyPerPartition, logger, ReportId, _deactivating.Token);
        _run ??= RunAsync(_computation);
    }

    private async Task RunAsync(ReportComputation computation)
    {
        // Yield first so the request that started the run is answered at once.
        await Task.Yield();
        var started = clock.GetCurrentInstant();
        ReportGrainState outcome;
        try
        {
            var result = await computation.RunAsync(state.State.RequestedAsOf);
            outcome = state.State.Completed(result, clock.GetCurrentInstant());
            logger.LogInformation(
                "Report {ReportId} computed: {Rows} rows from {Stores} stores as of {AsOf} in {Seconds:F3} s",
                ReportId, result.RowCount, result.StoresTotal, result.AsOf, (clock.GetCurrentInstant() - started).TotalSeconds);
        }
        catch (Exception error) when (_deactivating.IsCancellationRequested)
        {
            logger.LogWarning(error, "Report {ReportId} interrupted by deactivation; its reminder resumes it elsewhere", ReportId);
            return;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Report {ReportId} failed", ReportId);
            outcome = state.State.Failed(error.Message, clock.GetCurrentInstant());
        }

        if (!await TryRecordOutcomeAsync(outcome))
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
    private async Task RecordAsync(ReportGrainState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    private ReportStatus Status()
    {
        var record = state.State;
        var running = record.Status == ReportState.Running;
        return new ReportStatus(
            ReportId,
            record.Status,
            record.RequestedAsOf,
            record.AsOf,
            record.CreatedAt,
            record.FinishedAt,
            running ? _computation?.StoresDone ?? 0 : record.StoresTotal,
            running ? _computation?.StoresTotal ?? 0 : record.StoresTotal,
            record.RowCount,
            record.Error,
            record.Warnings,
            running ? _computation?.Phase ?? ReportPhase.None : ReportPhase.Done);
    }
}
