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
/// and never shows a result that is not stored.
/// </summary>
[GrainType("report")]
public sealed class ReportGrain(
    [PersistentState(StateNames.Report, StorageNames.Grains)] IPersistentState<ReportGrainState> state,
    IClock clock,
    IOptions<StoreMonitorSiloOptions> options,
    ILogger<ReportGrain> logger) : Grain, IReportGrain
{
    private static readonly TimeSpan[] RecordRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

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
        _computation = new ReportComputation(GrainFactory, options.Value.ReportConcurrencyPerPartition, logger, ReportId);
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
            running ? _computation?.Phase ?? ReportPhase.None : ReportPhase.Done,
            running ? _computation?.IncludedRuns?.LastRunId : record.IncludedRunId,
            running ? _computation?.IncludedRuns?.LastRunNumber ?? 0 : record.IncludedRunNumber);
    }
}
