using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Files;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Runs;

namespace StoreMonitor.Ingestion;

/// <summary>
/// One ingestion run over a data directory: read what is new in the CSVs (see <see cref="FilePlanner"/>), group rows
/// per store, wait for the reports already reading, send each store one update, register the stores with their index
/// partitions, then record the summary and how far each file was applied. Every step is idempotent, so running the
/// same files again (or after a crash) changes nothing.
/// </summary>
public sealed class IngestionRunner(
    IGrainFactory grains,
    IClock clock,
    IOptions<IngestionOptions> options,
    ILogger<IngestionRunner> logger,
    LeaseHolderIdentity holder)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    // After a failed renewal the next try comes sooner: the status grain is re-activating on another silo.
    private static readonly TimeSpan HeartbeatRetryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(100);

    private IIngestionLedgerGrain StatusGrain => grains.GetGrain<IIngestionLedgerGrain>(0);

    /// <summary>
    /// Claims the cluster-wide ingestion lease for a run over <paramref name="directory"/>; null when another run holds
    /// it. A lease held by a process of this machine that no longer exists (this host before a crash) is voided first.
    /// </summary>
    public async Task<IngestionRunInfo?> TryBeginAsync(string directory, bool fullRead = false)
    {
        var run = new IngestionRunInfo(Guid.NewGuid().ToString("N"), Path.GetFullPath(directory), clock.GetCurrentInstant(), FullRead: fullRead, Holder: holder.Current);
        if (await StatusGrain.TryBegin(run) is { } granted)
        {
            return granted;
        }

        var held = (await StatusGrain.GetStatus()).CurrentRun;
        if (held?.Holder is not { } other || holder.WhyGone(other) is not { } reason || !await StatusGrain.Abandon(held.RunId, reason))
        {
            return null;
        }

        logger.LogWarning("Ingestion {RunId} (run {RunNumber}) was abandoned: {Reason}; starting its successor now", held.RunId, held.RunNumber, reason);
        return await StatusGrain.TryBegin(run);
    }

    /// <summary>
    /// Whether a run is needed: an abandoned run's data is pending and no run has taken over, some input file differs
    /// from what the last completed run recorded (a stat per file, nothing read), or a poll drop is past its retention
    /// (the run removes it).
    /// </summary>
    public async Task<bool> NeedsRunAsync(string directory)
    {
        if ((await StatusGrain.GetStatus()).State == IngestionState.Pending)
        {
            return true;
        }

        var recorded = await StatusGrain.GetFiles();
        return HasChanges(directory, recorded) || recorded.Any(Retention(clock.GetCurrentInstant()).IsDue);
    }

    /// <summary>Whether any input file differs from what the last completed run recorded (a stat per file, nothing read).</summary>
    public async Task<bool> HasChangesAsync(string directory) => HasChanges(directory, await StatusGrain.GetFiles());

    private static bool HasChanges(string directory, IngestedFile[] records)
    {
        var recorded = records.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var files = InputFiles.FindAll(Path.GetFullPath(directory));
        return files.Count != recorded.Count || files.Any(file =>
            !recorded.TryGetValue(file.Path, out var record) || !FilePlanner.IsAsRecorded(file.Path, record));
    }

    private DropRetention Retention(Instant now) => new(options.Value.Inbox.Retention, now, logger);

    /// <summary>Runs a claimed run to the end and records its summary, failed or not.</summary>
    public async Task<IngestionSummary> RunAsync(IngestionRunInfo run, CancellationToken cancellationToken)
    {
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeat = new CancellationTokenSource();
        var heartbeatLoop = KeepLeaseAsync(run, lease, heartbeat.Token);
        IngestionSummary summary;
        IngestedFile[]? files = null;
        byte[] rejects = Encoding.UTF8.GetBytes(RejectsCsv.Header + "\n");
        Exception? failure = null;
        try
        {
            (summary, files, rejects) = await IngestAsync(run, lease.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: give the lease up so the next start (or another host) can run at once. The run is
            // abandoned, so reports wait until that successor has read its part again.
            await StatusGrain.Release(run.RunId);
            throw;
        }
        catch (Exception error)
        {
            failure = error;
            summary = Failed(run, WhyFailed(run.RunId, error));
        }
        finally
        {
            await heartbeat.CancelAsync();
            await heartbeatLoop;
        }

        // The run's own record first, so the history never links to a rejects file that is not there. Both calls
        // are idempotent and go to grains that may be moving to another silo: retried through that, and if they
        // still fail, the lease is given up so the data is pending (not half-counted) and a successor can start.
        var retry = new TransientCallRetry(logger);
        try
        {
            await retry.RunAsync($"Ingestion {run.RunId}: record", () => grains.GetGrain<IIngestionRunGrain>(run.RunId).Record(summary, rejects), CancellationToken.None);
            await retry.RunAsync($"Ingestion {run.RunId}: complete", () => StatusGrain.Complete(summary, files), CancellationToken.None);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Ingestion {RunId} could not record its outcome; giving its lease up so a successor reads its part again", run.RunId);
            await TryAbandonAsync(run.RunId, "it could not record its outcome: the cluster did not answer");
            throw;
        }

        IngestionMetrics.IngestionFinished(summary);
        Log(summary, failure);
        return summary;
    }

    private async Task TryAbandonAsync(string runId, string reason)
    {
        try
        {
            await StatusGrain.Abandon(runId, reason);
        }
        catch (Exception error)
        {
            // The lease then lapses by itself; until a successor completes, reports wait either way.
            logger.LogWarning(error, "Ingestion {RunId} could not give its lease up either; it lapses on its own", runId);
        }
    }

    /// <summary>
    /// A failed run's error: a problem with the files as it is (the answers show their paths relative to the data
    /// directory), a failure inside the cluster in words; its exception is logged with the summary.
    /// </summary>
    private static string WhyFailed(string runId, Exception error) => error switch
    {
        OperationCanceledException => "The run lost its ingestion lease (its heartbeats stopped reaching the cluster).",
        AmbiguousInputFileException or IOException or UnauthorizedAccessException => error.Message,
        _ => $"The run failed: {FailureCause.Describe(error)}. Run the ingestion again; the server log has the details under run {runId}.",
    };

    private IngestionSummary Failed(IngestionRunInfo run, string error) =>
        new(run.RunId, run.Directory, run.StartedAt, clock.GetCurrentInstant(), [], 0, InputFingerprint: "", Error: error, Warnings: [], run.RunNumber);

    private async Task<(IngestionSummary Summary, IngestedFile[]? Files, byte[] Rejects)> IngestAsync(IngestionRunInfo run, CancellationToken cancellationToken)
    {
        var found = InputFiles.FindAll(run.Directory);
        var fingerprint = InputFingerprint.Of(found.Select(file => file.Path));
        var recorded = run.FullRead
            ? []
            : (await StatusGrain.GetFiles()).ToDictionary(file => file.Path, StringComparer.Ordinal);

        // Planning and parsing are synchronous, CPU- and disk-bound streaming: keep them off the caller's thread. Each
        // file to read stays open until its record is made, so the record is of the file read, not of the path.
        var guard = new SnapshotGuard(new SnapshotBaseline(run.Directory), options.Value.MaxDroppedStoreShare);
        using var plans = await Task.Run(() => FileReadPlans.Plan(found, recorded), cancellationToken);
        var pollBytes = PollBytes(plans);
        var passes = StorePass.CountFor(pollBytes, options.Value.PollBytesPerPass);
        if (passes > 1)
        {
            logger.LogInformation(
                "Ingestion {RunId}: {Bytes:N0} bytes of polls to read, in {Passes} passes of a share of the stores each (StoreMonitor:PollBytesPerPass = {PerPass:N0})",
                run.RunId, pollBytes, passes, options.Value.PollBytesPerPass);
        }

        var reader = new DatasetReader(logger);
        var (collector, tallies) = await Task.Run(() =>
        {
            var read = reader.Read(plans.All, new StorePass(0, passes), cancellationToken);
            guard.Check(read.Tallies, read.Collector);
            return read;
        }, cancellationToken);

        // Reports that were reading when this run began finish first; new ones wait for this run (see the status grain).
        while (!await StatusGrain.ReportsDrained(run.RunId))
        {
            await Task.Delay(DrainPollInterval, cancellationToken);
        }

        var sender = new StoreUpdateSender(grains, options.Value.IngestionConcurrency, logger);
        var sending = sender.SendPassAsync(collector, new StorePass(0, passes), run.RunNumber, cancellationToken);
        for (var index = 1; index < passes; index++)
        {
            // The next pass reads while the stores of the one before take their updates: the sender took its stores
            // from the collector when it began, and the two passes share no store.
            var pass = new StorePass(index, passes);
            var reading = Task.Run(() => reader.ReadPolls(plans.All, collector, pass, cancellationToken), cancellationToken);
            await Task.WhenAll(sending, reading);
            sending = sender.SendPassAsync(collector, pass, run.RunNumber, cancellationToken);
        }

        await sending;
        var sent = await sender.FinishAsync(collector, run.RunNumber, cancellationToken);
        var pollFiles = tallies.Where(tally => tally.Kind == InputFileKind.StoreStatus && !tally.Unchanged).ToArray();
        var notes = new List<string>();
        if (pollFiles.Length == 1)
        {
            // Whether a valid poll is new or a duplicate only its store knows.
            pollFiles[0].Accepted = sent.AcceptedPolls;
            pollFiles[0].Duplicates = sent.DuplicatePolls;
        }
        else if (pollFiles.Length > 1)
        {
            // The stores count per update, not per file: each file shows its valid rows, the run says how many were new.
            foreach (var polls in pollFiles)
            {
                polls.Accepted = polls.ValidRows;
            }

            notes.Add($"{pollFiles.Length} poll files were read: of their {pollFiles.Sum(polls => polls.ValidRows):N0} valid rows, {sent.AcceptedPolls:N0} were new polls and {sent.DuplicatePolls:N0} duplicates.");
        }

        if (found.Count == 0)
        {
            notes.Add($"No input files in {run.Directory} (expected store_status.csv, menu_hours.csv, timezones.csv).");
        }

        var error = sent.Failed == 0
            ? null
            : $"{sent.Failed:N0} of {sent.Failed + sent.Updated:N0} stores could not be updated; run the ingestion again. {string.Join("; ", sent.FirstFailures)}";

        // The files advance only once every store acknowledged: the recorded position is never ahead of what is stored.
        // Only then are the drops past their retention removed: their records are a completed run's, and a run that
        // fails leaves the directory as it found it.
        var files = sent.Failed == 0
            ? await Task.Run(() => RecordsOf(run, plans, tallies), cancellationToken)
            : null;
        if (files is not null)
        {
            guard.Accept(tallies);
        }

        var summary = new IngestionSummary(run.RunId, run.Directory, run.StartedAt, clock.GetCurrentInstant(),
            [.. tallies.Select(tally => tally.ToSummary())], sent.Updated, fingerprint, error, [.. notes], run.RunNumber);
        return (summary, files, RejectsCsv.Build(tallies));
    }

    private static long PollBytes(FileReadPlans plans) =>
        plans.All.Where(plan => plan.Kind == InputFileKind.StoreStatus && !plan.Unchanged).Sum(plan => plan.End - plan.Start);

    /// <summary>What the run records of its files: where it left each, less the drops it removed past their retention.</summary>
    private IngestedFile[] RecordsOf(IngestionRunInfo run, FileReadPlans plans, List<FileTally> tallies)
    {
        var now = clock.GetCurrentInstant();
        var records = plans.All.Select(plan => plan.Applied(run.RunId, failed: tallies.Single(tally => tally.File == plan.Path).Error is not null, now)).ToArray();
        return Retention(now).RemoveDue(records, tallies);
    }

    /// <summary>
    /// Renews the run's lease every 15 s, through failed renewals (the status grain's silo dying is one): a failed
    /// renewal is tried again soon. Once no renewal has succeeded for the lease duration the lease may have lapsed and
    /// a report may be reading, so the run's writes stop (its lease token is cancelled); so do they when the grain
    /// answers that the run no longer holds the lease. The duration is the one the ledger granted with the lease.
    /// </summary>
    private async Task KeepLeaseAsync(IngestionRunInfo run, CancellationTokenSource lease, CancellationToken stop)
    {
        var runId = run.RunId;
        var renewed = clock.GetCurrentInstant();
        var wait = HeartbeatInterval;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(wait, stop);
                try
                {
                    if (!await StatusGrain.Heartbeat(runId))
                    {
                        logger.LogError("Ingestion {RunId} lost its lease; stopping it before it writes any more", runId);
                        await lease.CancelAsync();
                        return;
                    }

                    renewed = clock.GetCurrentInstant();
                    wait = HeartbeatInterval;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    if (clock.GetCurrentInstant() - renewed >= run.LeaseDuration)
                    {
                        logger.LogError(error, "Ingestion {RunId} could not renew its lease for {Duration}; stopping it before it writes any more", runId, run.LeaseDuration);
                        await lease.CancelAsync();
                        return;
                    }

                    logger.LogWarning(error, "Ingestion {RunId}: renewing its lease failed; trying again", runId);
                    wait = HeartbeatRetryInterval;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Log(IngestionSummary summary, Exception? failure)
    {
        if (summary.Error is not null)
        {
            logger.LogError(failure, "Ingestion of {Directory} failed: {Error}", summary.Directory, summary.Error);
        }

        foreach (var file in summary.Files.Where(file => !file.Unchanged))
        {
            logger.LogInformation(
                "Ingested {File} from byte {From:N0}: {Read:N0} rows read, {Accepted:N0} accepted, {Duplicates:N0} duplicate, {Rejected:N0} rejected",
                file.File, file.ReadFrom, file.RowsRead, file.Accepted, file.Duplicates, file.Rejected);
            foreach (var rejection in file.FirstRejections.Take(20))
            {
                logger.LogWarning("Rejected {Rejection}", rejection);
            }
        }

        logger.LogInformation("Ingestion finished: {Stores:N0} stores updated in {Seconds:F2} s", summary.StoresUpdated, (summary.FinishedAt - summary.StartedAt).TotalSeconds);
        foreach (var warning in summary.Warnings)
        {
            logger.LogWarning("{Warning}", warning);
        }
    }
}
