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

    private Task? _run;
    private string _phase = ReportPhases.None;
    private int _storesDone;

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

    public Task<byte[]?> GetCsv() => Task.FromResult(state.State.State == ReportState.Complete ? state.State.Csv : null);

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
        try
        {
            await using var lease = await WaitForIngestionAsync();
            await ComputeAsync();
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
            _phase = ReportPhases.Done;
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>Waits until no ingestion run writes, and keeps runs from writing until the report is computed.</summary>
    private async Task<IngestionReadLease> WaitForIngestionAsync()
    {
        _phase = ReportPhases.WaitingForIngestion;
        var lease = await IngestionReadLease.AcquireAsync(GrainFactory.GetGrain<IIngestionStatusGrain>(0), ReportId, IngestionPollInterval);
        state.State.IncludedRunId = lease.Grant.LastRunId;
        state.State.IncludedRunNumber = lease.Grant.LastRunNumber;
        return lease;
    }

    private async Task ComputeAsync()
    {
        _phase = ReportPhases.Computing;
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
                _storesDone += result.StoresAsked;
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
        state.State.State == ReportState.Complete ? state.State.StoresTotal : _storesDone,
        state.State.StoresTotal,
        state.State.RowCount,
        state.State.Error,
        state.State.Warnings,
        state.State.State == ReportState.Running ? _phase : ReportPhases.Done,
        state.State.IncludedRunId,
        state.State.IncludedRunNumber);
}
