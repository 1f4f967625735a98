using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Ingestion.Parsing;
using StoreMonitor.Grains.Interfaces.Ingestion;
using StoreMonitor.Grains.Interfaces.Model;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Ingestion;

/// <summary>
/// One ingestion run over a data directory: stream the CSVs, group rows per store, send each store one
/// update, register the stores with their index partitions, record the summary. Every step is idempotent,
/// so running the same files again (or after a crash) changes nothing.
/// </summary>
public sealed class IngestionRunner(
    IGrainFactory grains,
    IClock clock,
    IOptions<StoreMonitorOptions> options,
    ILogger<IngestionRunner> logger)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

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
        try
        {
            summary = await IngestAsync(run, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Ingestion of {Directory} failed", run.Directory);
            summary = new IngestionSummary(run.RunId, run.Directory, run.StartedAt, clock.GetCurrentInstant(), [], 0,
                InputFingerprint: "", Error: error.Message, Warnings: []);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await heartbeatLoop;
        }

        await StatusGrain.Complete(summary);
        Log(summary);
        return summary;
    }

    private async Task<IngestionSummary> IngestAsync(IngestionRunInfo run, CancellationToken cancellationToken)
    {
        var files = InputFiles.Find(run.Directory);
        var fingerprint = InputFingerprint.Of(files.Values);
        var collector = new DatasetCollector();
        var tallies = new List<FileTally>();

        // Parsing is synchronous, CPU-bound streaming: keep it off the caller's thread.
        await Task.Run(() => ReadFiles(files, collector, tallies, cancellationToken), cancellationToken);

        var pollTally = tallies.FirstOrDefault(tally => tally.Kind == InputFileKind.StoreStatus);
        var storesUpdated = await SendToStoresAsync(collector, pollTally, cancellationToken);

        var warnings = files.Count == 0
            ? new[] { $"No input files in {run.Directory} (expected store_status.csv, menu_hours.csv, timezones.csv)." }
            : [];
        return new IngestionSummary(run.RunId, run.Directory, run.StartedAt, clock.GetCurrentInstant(),
            [.. tallies.Select(tally => tally.ToSummary())], storesUpdated, fingerprint, Error: null, warnings);
    }

    private void ReadFiles(IReadOnlyDictionary<InputFileKind, string> files, DatasetCollector collector, List<FileTally> tallies, CancellationToken cancellationToken)
    {
        // One pool across the files: each distinct store id becomes one string however often it appears.
        var storeIds = new StoreIdPool();
        foreach (var (kind, path) in files.OrderBy(file => file.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tally = new FileTally(kind, path);
            tallies.Add(tally);
            try
            {
                ReadFile(kind, path, collector, tally, storeIds);
            }
            catch (CsvFileException error)
            {
                // One unreadable file must not cost the valid data of the others. Polls read before the break
                // are valid and merge safely; a partial snapshot of hours or zones is dropped whole.
                if (kind == InputFileKind.BusinessHours)
                {
                    collector.DiscardHours();
                }
                else if (kind == InputFileKind.TimeZones)
                {
                    collector.DiscardZones();
                }

                tally.Error = kind == InputFileKind.StoreStatus
                    ? $"{error.Message}; the valid rows before it were kept"
                    : $"{error.Message}; nothing from this file was applied";
                logger.LogError("Ingestion: {Error}", tally.Error);
            }
        }
    }

    private void ReadFile(InputFileKind kind, string path, DatasetCollector collector, FileTally tally, StoreIdPool storeIds)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        switch (kind)
        {
            case InputFileKind.StoreStatus:
                using (new Timer(_ => logger.LogInformation("Ingestion: {Rows:N0} poll rows read from {File}", collector.PollRows, path), null, ProgressInterval, ProgressInterval))
                {
                    StoreStatusCsv.Read(stream, path, collector.PollSink(tally), storeIds);
                }

                break;
            case InputFileKind.BusinessHours:
                BusinessHoursCsv.Read(stream, path, collector.HoursSink(tally), storeIds);
                break;
            case InputFileKind.TimeZones:
                TimeZoneCsv.Read(stream, path, collector.ZoneSink(tally), storeIds);
                break;
        }
    }

    private async Task<int> SendToStoresAsync(DatasetCollector collector, FileTally? pollTally, CancellationToken cancellationToken)
    {
        var stores = collector.Stores.ToArray();
        var registrations = new StoreRegistration[stores.Length];
        var accepted = 0L;
        var duplicates = 0L;
        var next = 0;
        var done = 0;
        var stopwatch = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;

        async Task Worker()
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next) - 1;
                if (index >= stores.Length)
                {
                    return;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var (storeId, buffer) = stores[index];
                var update = new StoreUpdate(
                    buffer.PollTicks(),
                    buffer.PollStatuses(),
                    collector.ReadHours ? CanonicalHours(buffer.Hours) : null,
                    collector.ReadZones ? buffer.ZoneId ?? "" : null);
                buffer.ReleasePolls();
                var result = await grains.GetGrain<IStoreGrain>(storeId).Ingest(update);
                registrations[index] = new StoreRegistration(storeId, result.LatestPollUnixTicks);
                Interlocked.Add(ref accepted, result.AcceptedPolls);
                Interlocked.Add(ref duplicates, result.DuplicatePolls);
                var count = Interlocked.Increment(ref done);
                if (stopwatch.Elapsed - lastProgress > ProgressInterval)
                {
                    lastProgress = stopwatch.Elapsed;
                    logger.LogInformation("Ingestion: {Done:N0} of {Total:N0} stores updated", count, stores.Length);
                }
            }
        }

        var workerCount = Math.Clamp(options.Value.IngestionConcurrency, 1, Math.Max(1, stores.Length));
        await Task.WhenAll(Enumerable.Range(0, workerCount).Select(_ => Task.Run(Worker, cancellationToken)));

        // Registration comes after the stores hold their data, so a report never finds a registered, empty store.
        await Task.WhenAll(registrations
            .GroupBy(registration => StoreIndex.PartitionOf(registration.StoreId))
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition.Key).Register([.. partition])));

        if (pollTally is not null)
        {
            pollTally.Accepted = accepted;
            pollTally.Duplicates = duplicates;
        }

        return stores.Length;
    }

    /// <summary>Sorted, so the same rows in another file order compare equal and do not rewrite the store.</summary>
    private static BusinessHoursRow[] CanonicalHours(List<BusinessHoursRow>? hours) =>
        hours is null ? [] : [.. hours.OrderBy(row => row.Day).ThenBy(row => row.Start).ThenBy(row => row.End)];

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

    private void Log(IngestionSummary summary)
    {
        if (summary.Error is not null)
        {
            return;
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
