using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Ingestion;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// One report run. It persists "Running" before answering, computes in the background by fanning out to the
/// store index partitions (each of which fans out to its own stores), and persists the finished CSV. An
/// activation that finds its report still Running (the process died mid-run) simply runs it again, so a
/// report never stays Running forever.
/// </summary>
public sealed class ReportGrain(
    [PersistentState("report", StorageNames.Grains)] IPersistentState<ReportGrainState> state,
    IClock clock,
    IOptions<StoreMonitorOptions> options,
    ILogger<ReportGrain> logger) : Grain, IReportGrain
{
    private static readonly TimeSpan IngestionPollInterval = TimeSpan.FromMilliseconds(250);
    private const int PartitionAttempts = 2;

    private readonly RunProgress _progress = new();
    private Task? _run;

    private string ReportId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.State == ReportState.Running)
        {
            logger.LogInformation("Report {ReportId} was left running by a previous activation; running it again", ReportId);
            StartRun();
        }

        return Task.CompletedTask;
    }

    public async Task<ReportStatus> Start(ReportRequest request)
    {
        if (state.State.State == ReportState.Unknown)
        {
            state.State.State = ReportState.Running;
            state.State.RequestedAsOf = request.AsOf;
            state.State.CreatedAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            StartRun();
        }

        return Status();
    }

    public Task<ReportStatus> GetStatus() => Task.FromResult(Status());

    public async Task<byte[]?> GetCsv() => state.State.State != ReportState.Complete
        ? null
        : state.State.SharedFrom is { } leader
            ? await GrainFactory.GetGrain<IReportGrain>(leader).GetCsv()
            : state.State.Csv;

    private void StartRun()
    {
        // Keep the activation while the background run is in flight: no request holds it alive meanwhile.
        DelayDeactivation(TimeSpan.FromHours(2));
        _run ??= RunAsync();
    }

    private async Task RunAsync()
    {
        // Yield first so the request that started the run is answered at once.
        await Task.Yield();
        var scheduling = new ReportScheduling(GrainFactory, ReportId, _progress);
        var completed = false;
        try
        {
            await WaitForIngestionAsync();
            await ComputeOrShareAsync(scheduling);
            completed = true;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Report {ReportId} failed", ReportId);
            state.State.State = ReportState.Failed;
            state.State.Error = error.Message;
            state.State.FinishedAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
        }
        finally
        {
            _progress.Phase = ReportPhases.Done;
            await LeaveQueueAsync(scheduling, completed);
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Computes under the cluster-wide cap, or, when an identical report (same inputs, see
    /// <see cref="ReportFingerprint"/>) is running or done, takes its result instead of computing again.
    /// </summary>
    private async Task ComputeOrShareAsync(ReportScheduling scheduling)
    {
        while (true)
        {
            var fingerprint = await FingerprintAsync();
            var admission = await scheduling.AdmitAsync(fingerprint);
            if (admission.LeaderReportId is { } leader)
            {
                if (await scheduling.FollowAsync(leader) is { } shared)
                {
                    await CompleteFromAsync(leader, shared);
                    return;
                }

                // The leader failed: ask again, to follow another or to compute.
                continue;
            }

            // An ingestion may have started while this report waited for its slot.
            await WaitForIngestionAsync();
            await scheduling.HoldSlotWhileAsync(fingerprint, ComputeAsync);
            return;
        }
    }

    private async Task<string> FingerprintAsync()
    {
        var overviews = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => GrainFactory.GetGrain<IStoreIndexGrain>(partition).GetOverview()));
        var lastRun = (await GrainFactory.GetGrain<IIngestionStatusGrain>(0).GetStatus()).LastRun?.RunId;
        return ReportFingerprint.Of(state.State.RequestedAsOf, lastRun, overviews);
    }

    private async Task CompleteFromAsync(string leaderId, ReportStatus leader)
    {
        state.State.AsOf = leader.AsOf;
        state.State.SharedFrom = leaderId;
        state.State.StoresTotal = leader.StoresTotal;
        state.State.RowCount = leader.RowCount;
        state.State.Warnings = leader.Warnings;
        state.State.State = ReportState.Complete;
        state.State.FinishedAt = clock.GetCurrentInstant();
        await state.WriteStateAsync();
        logger.LogInformation("Report {ReportId} complete: shares the computation of identical report {LeaderId}", ReportId, leaderId);
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

    private async Task WaitForIngestionAsync()
    {
        _progress.Phase = ReportPhases.WaitingForIngestion;
        var ingestion = GrainFactory.GetGrain<IIngestionStatusGrain>(0);
        while ((await ingestion.GetStatus()).State == IngestionState.Running)
        {
            await Task.Delay(IngestionPollInterval);
        }
    }

    private async Task ComputeAsync()
    {
        _progress.Phase = ReportPhases.Computing;
        var started = clock.GetCurrentInstant();
        var partitions = Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => GrainFactory.GetGrain<IStoreIndexGrain>(partition))
            .ToArray();
        var overviews = await Task.WhenAll(partitions.Select(partition => partition.GetOverview()));
        state.State.StoresTotal = overviews.Sum(overview => overview.StoreCount);

        var asOf = state.State.RequestedAsOf ?? overviews.Max(overview => overview.LatestPoll);
        var rows = new List<StoreUptime>(state.State.StoresTotal);
        if (asOf is { } now)
        {
            var concurrency = options.Value.ReportConcurrencyPerPartition;
            var parts = await Task.WhenAll(partitions.Select(partition => ComputePartitionAsync(partition, now, concurrency)));
            foreach (var part in parts)
            {
                rows.AddRange(part.Rows);
            }
        }

        state.State.AsOf = asOf;
        state.State.Csv = ReportCsvBuilder.Build(rows);
        state.State.RowCount = rows.Count;
        state.State.Warnings = asOf is null ? ["No polls have been ingested: the report has no rows."] : ReportWarnings.Summarize(rows);
        state.State.State = ReportState.Complete;
        state.State.FinishedAt = clock.GetCurrentInstant();
        await state.WriteStateAsync();
        logger.LogInformation(
            "Report {ReportId} complete: {Rows} rows from {Stores} stores as of {AsOf} in {Seconds:F3} s",
            ReportId, rows.Count, state.State.StoresTotal, asOf, (clock.GetCurrentInstant() - started).TotalSeconds);
    }

    private async Task<PartitionUptime> ComputePartitionAsync(IStoreIndexGrain partition, Instant now, int concurrency)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await partition.ComputeUptime(now, concurrency);
                _progress.StoresDone += result.StoresAsked;
                return result;
            }
            catch (Exception error) when (attempt < PartitionAttempts && error is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                // A partition's silo may have gone away mid-report; its grains re-activate elsewhere on retry.
                logger.LogWarning(error, "Report {ReportId}: partition {Partition} failed (attempt {Attempt}); retrying", ReportId, partition.GetPrimaryKeyLong(), attempt);
            }
        }
    }

    private ReportStatus Status() => new(
        ReportId,
        state.State.State,
        state.State.RequestedAsOf,
        state.State.AsOf,
        state.State.CreatedAt,
        state.State.FinishedAt,
        state.State.State == ReportState.Complete ? state.State.StoresTotal : _progress.StoresDone,
        state.State.State == ReportState.Complete ? state.State.StoresTotal : Math.Max(state.State.StoresTotal, _progress.StoresTotal),
        state.State.RowCount,
        state.State.Error,
        state.State.Warnings,
        state.State.State == ReportState.Running ? _progress.Phase : ReportPhases.Done,
        state.State.State == ReportState.Running ? _progress.QueuePosition : 0);
}
