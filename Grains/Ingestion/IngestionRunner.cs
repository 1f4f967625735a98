using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Diagnostics;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Ingestion.Parsing;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.Ingestion;

/// <summary>
/// One ingestion run over a data directory: stream the CSVs, group rows per store, send each store one
/// update, register the stores with their index partitions, record the summary. Every step is idempotent,
/// so running the same files again (or after a crash) changes nothing.
/// </summary>
public sealed class IngestionRunner(
    IGrainFactory grains,
    IClock clock,
    IOptions<IngestionOptions> options,
    ILogger<IngestionRunner> logger)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    private IIngestionStatusGrain StatusGrain => grains.GetGrain<IIngestionStatusGrain>(0);

    /// <summary>Claims the cluster-wide ingestion lease for a run over <paramref name="directory"/>; null when another run holds it.</summary>
    public async Task<IngestionRunInfo?> TryBeginAsync(string directory)
    {
        var run = new IngestionRunInfo(Guid.NewGuid().ToString("N"), Path.GetFullPath(directory), clock.GetCurrentInstant());
        return await StatusGrain.TryBegin(run) ? run : null;
    }

    /// <summary>Runs a claimed run to the end and records its summary, failed or not.</summary>
    public async Task<IngestionSummary> RunAsync(IngestionRunInfo run, CancellationToken cancellationToken)
    {
        using var heartbeat = new CancellationTokenSource();
        var heartbeatLoop = KeepLeaseAsync(run.RunId, heartbeat.Token);
        IngestionSummary summary;
        Exception? failure = null;
        try
        {
            summary = await IngestAsync(run, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            failure = error;
            summary = new IngestionSummary(run.RunId, run.Directory, run.StartedAt, clock.GetCurrentInstant(), [], 0,
                InputFingerprint: "", Error: error.Message, Warnings: []);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await heartbeatLoop;
        }

        await StatusGrain.Complete(summary);
        StoreMonitorMetrics.IngestionFinished(summary);
        Log(summary, failure);
        return summary;
    }

    private async Task<IngestionSummary> IngestAsync(IngestionRunInfo run, CancellationToken cancellationToken)
    {
        var files = InputFiles.Find(run.Directory);
        var fingerprint = InputFingerprint.Of(files.Values);

        // Parsing is synchronous, CPU-bound streaming: keep it off the caller's thread.
        var (collector, tallies) = await Task.Run(() => new DatasetReader(logger).Read(files, cancellationToken), cancellationToken);
        var sent = await new StoreUpdateSender(grains, options.Value.IngestionConcurrency, logger).SendAsync(collector, cancellationToken);

        if (tallies.FirstOrDefault(tally => tally.Kind == InputFileKind.StoreStatus) is { } polls)
        {
            // Whether a valid poll is new or a duplicate only its store knows.
            polls.Accepted = sent.AcceptedPolls;
            polls.Duplicates = sent.DuplicatePolls;
        }

        var warnings = files.Count == 0
            ? new[] { $"No input files in {run.Directory} (expected store_status.csv, menu_hours.csv, timezones.csv)." }
            : [];
        var error = sent.Failed == 0
            ? null
            : $"{sent.Failed:N0} of {sent.Failed + sent.Updated:N0} stores could not be updated; run the ingestion again. {string.Join("; ", sent.FirstFailures)}";
        return new IngestionSummary(run.RunId, run.Directory, run.StartedAt, clock.GetCurrentInstant(),
            [.. tallies.Select(tally => tally.ToSummary())], sent.Updated, fingerprint, error, warnings);
    }

    private async Task KeepLeaseAsync(string runId, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(HeartbeatInterval, stop);
                await StatusGrain.Heartbeat(runId);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Ingestion heartbeat failed");
        }
    }

    private void Log(IngestionSummary summary, Exception? failure)
    {
        if (summary.Error is not null)
        {
            logger.LogError(failure, "Ingestion of {Directory} failed: {Error}", summary.Directory, summary.Error);
        }

        foreach (var file in summary.Files)
        {
            logger.LogInformation(
                "Ingested {File}: {Read:N0} rows read, {Accepted:N0} accepted, {Duplicates:N0} duplicate, {Rejected:N0} rejected",
                file.File, file.RowsRead, file.Accepted, file.Duplicates, file.Rejected);
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
