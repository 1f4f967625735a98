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
/// report never stays Running forever. While it runs it holds a reminder: if its silo dies, the silo that takes
/// over the reminder re-activates it, so the report completes even when nobody polls it.
/// </summary>
public sealed class ReportGrain(
    [PersistentState("report", StorageNames.Grains)] IPersistentState<ReportGrainState> state,
    IClock clock,
    IOptions<StoreMonitorOptions> options,
    ILogger<ReportGrain> logger) : Grain, IReportGrain, IRemindable
{
    private static readonly TimeSpan IngestionPollInterval = TimeSpan.FromMilliseconds(250);

    // Long enough to outlast a dead silo being voted out of the cluster (its grains then re-activate elsewhere).
    private static readonly TimeSpan[] PartitionRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    private readonly CancellationTokenSource _deactivating = new();
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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The silo is going away mid-run: the report stays Running and its reminder resumes it on another silo.
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.State == ReportState.Running)
        {
            StartRun();
        }
        else
        {
            await ForgetReminderAsync();
        }
    }

    public async Task<ReportStatus> Start(ReportRequest request)
    {
        if (state.State.State == ReportState.Unknown)
        {
            state.State.State = ReportState.Running;
            state.State.RequestedAsOf = request.AsOf;
            state.State.CreatedAt = clock.GetCurrentInstant();
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(ReportReminder.Name, ReportReminder.Period, ReportReminder.Period);
            logger.LogInformation("Report {ReportId} started", ReportId);
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
            await WaitForIngestionAsync();
            await ComputeAsync();
        }
        catch (Exception error) when (_deactivating.IsCancellationRequested)
        {
            logger.LogWarning(error, "Report {ReportId} interrupted by deactivation; its reminder resumes it elsewhere", ReportId);
            return;
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

    private async Task WaitForIngestionAsync()
    {
        _phase = ReportPhases.WaitingForIngestion;
        var ingestion = GrainFactory.GetGrain<IIngestionStatusGrain>(0);
        while ((await ingestion.GetStatus()).State == IngestionState.Running)
        {
            await Task.Delay(IngestionPollInterval);
        }
    }

    private async Task ComputeAsync()
    {
        _phase = ReportPhases.Computing;
        var started = clock.GetCurrentInstant();
        var partitions = Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => GrainFactory.GetGrain<IStoreIndexGrain>(partition))
            .ToArray();
        var overviews = await Task.WhenAll(partitions.Select(partition => RetryOnLostSiloAsync(partition, partition.GetOverview)));
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
        var result = await RetryOnLostSiloAsync(partition, () => partition.ComputeUptime(now, concurrency));
        _storesDone += result.StoresAsked;
        return result;
    }

    private async Task<T> RetryOnLostSiloAsync<T>(IStoreIndexGrain partition, Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (attempt < PartitionRetryDelays.Length && error is TimeoutException or OrleansException && !_deactivating.IsCancellationRequested)
            {
                // The partition, or one of its stores, lived on a silo that went away mid-report. Until the cluster
                // declares that silo dead, calls to it fail; after that its grains re-activate on the living silos.
                logger.LogWarning(error, "Report {ReportId}: partition {Partition} failed (attempt {Attempt}); retrying", ReportId, partition.GetPrimaryKeyLong(), attempt + 1);
                await Task.Delay(PartitionRetryDelays[attempt]);
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
        state.State.State == ReportState.Running ? _phase : ReportPhases.Done);
}
