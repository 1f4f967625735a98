using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Hosting;

/// <summary>
/// Runs ingestion in the background of the API host: at start-up and on each periodic scan when the data directory
/// holds something not yet ingested, and whenever an operator asks. The lease is claimed before start-up completes,
/// so a report triggered in the first second already waits for the data.
/// </summary>
public sealed class IngestionCoordinator(
    IngestionRunner runner,
    IGrainFactory grains,
    IOptions<IngestionOptions> options,
    ILogger<IngestionCoordinator> logger) : IHostedService
{
    // How often a host that found another host's run holding the lease looks again (that run may be a dead host's,
    // whose lease lapses on its own).
    private static readonly TimeSpan HeldLeaseRetryInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _current = Task.CompletedTask;
    private int _scanAfterRun;
    private int _waitingForOtherRun;
    private int _ownRun;

    public string DataDirectory { get; } = DataDirectoryLocator.Resolve(options.Value.DataDirectory, Environment.CurrentDirectory);

    /// <summary>The share of an hours, zone or special hours file's stores an upload may drop the rows of (<c>StoreMonitor:MaxDroppedStoreShare</c>).</summary>
    public double MaxDroppedStoreShare => options.Value.MaxDroppedStoreShare;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IngestOnStart)
        {
            return;
        }

        if (!Directory.Exists(DataDirectory))
        {
            logger.LogWarning("Data directory {Directory} does not exist; nothing ingested at start-up", DataDirectory);
            return;
        }

        if (await ScanAsync() is null)
        {
            logger.LogInformation("The files in {Directory} are as the last run left them, or a run is in progress; not starting one", DataDirectory);
        }
    }

    /// <summary>
    /// Starts a run when some input file differs from what the last completed run recorded, or an abandoned run's data
    /// is pending; null when neither (or a run is in progress).
    /// </summary>
    public async Task<IngestionRunInfo?> ScanAsync()
    {
        if (!Directory.Exists(DataDirectory))
        {
            return null;
        }

        try
        {
            if (!await runner.NeedsRunAsync(DataDirectory))
            {
                return null;
            }
        }
        catch (Exception error) when (error is AmbiguousInputFileException or IOException or UnauthorizedAccessException)
        {
            // A run fails with the reason where operators look for it (GET /ingestion) instead of stopping the host;
            // once that is recorded, later scans wait until the directory changes.
            var last = (await grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus()).LastRun;
            if (last?.Error == error.Message)
            {
                return null;
            }

            logger.LogWarning("The data directory {Directory} cannot be read as input: {Reason}", DataDirectory, error.Message);
        }

        return await TryStartAsync();
    }

    /// <summary>Starts a run over the data directory in the background; null when a run is already in progress.</summary>
    public async Task<IngestionRunInfo?> TryStartAsync(bool fullRead = false)
    {
        var run = await runner.TryBeginAsync(DataDirectory, fullRead);
        if (run is null)
        {
            // Whatever asked (an upload, say) is on disk: look again as soon as the run in progress is done. When that
            // run is this host's, its end does so; when it is another host's (or a killed one's), keep asking.
            Interlocked.Exchange(ref _scanAfterRun, 1);
            if (!OwnRunInProgress && Interlocked.Exchange(ref _waitingForOtherRun, 1) == 0)
            {
                _ = Task.Run(ScanOnceOtherRunEndsAsync);
            }

            return null;
        }

        logger.LogInformation("Ingestion {RunId} (run {RunNumber}) of {Directory} started", run.RunId, run.RunNumber, run.Directory);
        lock (_gate)
        {
            Interlocked.Exchange(ref _ownRun, 1);
            _current = Task.Run(() => RunThenLookAgainAsync(run));
        }

        return run;
    }

    private bool OwnRunInProgress => Volatile.Read(ref _ownRun) == 1;

    /// <summary>
    /// Runs the claimed run, then looks again when something arrived meanwhile, or when the run did not complete (it
    /// lost its lease, or could not record its outcome): then its data is pending until a successor completes, and
    /// this host can start one. Nothing escapes: a failure is logged, and the run's outcome is in the ledger.
    /// </summary>
    private async Task RunThenLookAgainAsync(IngestionRunInfo run)
    {
        var recorded = false;
        try
        {
            await runner.RunAsync(run, _stopping.Token);
            recorded = true;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Ingestion {RunId} (run {RunNumber}) ended without recording its outcome; its part is read again", run.RunId, run.RunNumber);
        }
        finally
        {
            Interlocked.Exchange(ref _ownRun, 0);
        }

        try
        {
            // A recorded failure (some store refused its update, say) waits for the next scan or request: looking again
            // at once would repeat it. A run that lost its lease or could not record its outcome left data pending.
            var pending = !recorded || (await grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus()).State == IngestionState.Pending;
            if ((Interlocked.Exchange(ref _scanAfterRun, 0) == 1 || pending) && !_stopping.IsCancellationRequested)
            {
                await ScanAsync();
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Looking for new data after ingestion {RunId} failed; the next scan looks again", run.RunId);
        }
    }

    private async Task ScanOnceOtherRunEndsAsync()
    {
        try
        {
            while (Volatile.Read(ref _scanAfterRun) == 1 && !OwnRunInProgress)
            {
                await Task.Delay(HeldLeaseRetryInterval, _stopping.Token);
                Interlocked.Exchange(ref _scanAfterRun, 0);
                // Starts a run if there is something new and the lease is free; if it is still held, sets the flag again.
                await ScanAsync();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Waiting for the ingestion run in progress to end failed; the next scan looks again");
        }
        finally
        {
            Interlocked.Exchange(ref _waitingForOtherRun, 0);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task current;
        lock (_gate)
        {
            current = _current;
        }

        try
        {
            await current.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
