using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// Runs one small report at start-up (<c>StoreMonitor:WarmUpReport</c>), once an ingestion run has brought data and none
/// writes, reads its file as a download does, and deletes it: the first report a user asks for then finds the report
/// machinery (the report catalog, the report, queue and ledger grains, the partitions, the pieces) activated and its
/// code compiled, instead of paying for both. The report has the SPEC columns, so it computes the SPEC report's rows,
/// and a few stores of every partition (<see cref="StoresPerPartition"/>), so that what a report does once per store
/// runs often enough for the runtime to compile it fully before a user's report needs it. The report has a reserved id
/// that no API call can name (report ids are GUIDs), shares no computation with any other report, and is never listed.
/// </summary>
public sealed class ReportWarmUp(IGrainFactory grains, IOptions<StoreMonitorSiloOptions> options, ILogger<ReportWarmUp> logger) : BackgroundService
{
    public const string ReportId = "warm-up";

    /// <summary>
    /// How many stores of each partition the warm-up reports: 64 partitions make it 128 stores, each activated and
    /// computed. The runtime recompiles the framework's precompiled code once it has been called 30 times (tiered
    /// compilation's call-counting threshold), so what a report calls once per store must run for more stores than that.
    /// </summary>
    internal const int StoresPerPartition = 2;

    // How often it looks for data while there is none (a fresh database fills at the start-up ingestion), and for how long.
    private static readonly TimeSpan DataPollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan WaitForDataAtMost = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ReportAtMost = TimeSpan.FromMinutes(2);

    private readonly TaskCompletionSource<ReportState?> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set from the start until the first look for data found none, or the report it started is done.
    private volatile bool _firstLook = true;

    /// <summary>How the warm-up report ended once it is deleted; null when none ran (turned off, no data, a failure).</summary>
    public Task<ReportState?> Finished => _finished.Task;

    /// <summary>
    /// Whether the warm-up still runs in its first look: data was there at start-up (a restart), and the report is not
    /// done yet. Readiness waits for it; a warm-up that had to wait for data (a fresh database) holds nothing up.
    /// </summary>
    public bool InFirstLook => _firstLook && options.Value.WarmUpReport;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ReportState? outcome = null;
        try
        {
            outcome = await RunAsync(stoppingToken);
        }
        finally
        {
            _firstLook = false;
            _finished.TrySetResult(outcome);
        }
    }

    private async Task<ReportState?> RunAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpReport)
        {
            return null;
        }

        try
        {
            if (await StoresToReportAsync(stoppingToken) is not { } storeIds)
            {
                logger.LogInformation("Report warm-up skipped: no store was ingested within {Minutes} minutes of start-up", WaitForDataAtMost.TotalMinutes);
                return null;
            }

            var elapsed = Stopwatch.StartNew();
            // The report catalog (the listing) is part of the machinery a report's trigger calls first.
            await grains.GetGrain<IReportCatalogGrain>(0).Recent(1);

            var report = grains.GetGrain<IReportGrain>(ReportId);
            // A warm-up a stopped process left behind is deleted first; one still running is finished, then deleted.
            if (await report.Expire())
            {
                await report.Start(new ReportRequest(null, new ReportOptions(StoreIds: storeIds)));
            }

            var status = await WaitUntilFinishedAsync(report, stoppingToken);
            if (status.State == ReportState.Complete && await report.GetContent() is { } content)
            {
                // What a download does, short of the HTTP response (in the embedded host, the API's own code).
                await ReportFile.CopyToAsync(grains, content, Stream.Null, stoppingToken);
            }

            await report.Expire();
            logger.LogInformation("Report warm-up {State} in {Seconds:F3} s, and deleted", status.State, elapsed.Elapsed.TotalSeconds);
            return status.State;
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            // Only the first report's speed depends on it.
            logger.LogWarning(error, "Report warm-up failed; the first report compiles and activates what it needs itself");
            return null;
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: so is the warm-up.
            return null;
        }
    }

    /// <summary>
    /// The stores to report, once an ingestion run has finished and none writes; null if none within the wait. Until a run
    /// has finished it asks only the ledger: asking the index partitions would wake them, and a partition is placed over
    /// the silos its placing silo counts at that moment. On a fresh cluster the first silo up would then place every
    /// partition on itself, before the others joined, and keep them, with every store of theirs.
    /// </summary>
    private async Task<string[]?> StoresToReportAsync(CancellationToken stoppingToken)
    {
        var ledger = grains.GetGrain<IIngestionLedgerGrain>(0);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < WaitForDataAtMost)
        {
            if (await ledger.PeekReadGrant() is { LastRunId: not null })
            {
                var pages = await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount).Select(partition =>
                    grains.GetGrain<IStoreIndexGrain>(partition).ListStorePage(null, null, StoresPerPartition, StoresPerPartition)));
                if (pages.SelectMany(page => page.StoreIds).ToArray() is { Length: > 0 } storeIds)
                {
                    return storeIds;
                }
            }

            _firstLook = false;
            await Task.Delay(DataPollInterval, stoppingToken);
        }

        return null;
    }

    private static async Task<ReportStatus> WaitUntilFinishedAsync(IReportGrain report, CancellationToken stoppingToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await report.GetStatus();
            if (status.State != ReportState.Running || waited.Elapsed > ReportAtMost)
            {
                return status;
            }

            await Task.Delay(StatusPollInterval, stoppingToken);
        }
    }
}
