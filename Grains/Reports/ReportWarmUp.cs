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
/// Runs one small report of one store at start-up (<c>StoreMonitor:WarmUpReport</c>), once there is data and no
/// ingestion run writes, and deletes it: the first report a user asks for then finds the report machinery (the
/// report catalog, the report, queue and ledger grains, the partitions, the pieces) activated and its code compiled,
/// instead of paying for both. The report has a reserved id that no API call can name (report ids are GUIDs), shares
/// no computation with any other report, and is never listed.
/// </summary>
public sealed class ReportWarmUp(IGrainFactory grains, IOptions<StoreMonitorSiloOptions> options, ILogger<ReportWarmUp> logger) : BackgroundService
{
    public const string ReportId = "warm-up";

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
            if (await StoreToReportAsync(stoppingToken) is not { } storeId)
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
                await report.Start(new ReportRequest(null, new ReportOptions(StoreIds: [storeId])));
            }

            var status = await WaitUntilFinishedAsync(report, stoppingToken);
            if (status.State == ReportState.Complete
                && await report.GetContent() is { } content
                && Array.FindIndex(content.PartsPerPartition, count => count > 0) is var partition and >= 0)
            {
                // Reading a piece back is the grains' half of a download.
                await grains.GetGrain<IReportPartGrain>(ReportParts.Key(ReportId, partition, 0)).Get();
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

    /// <summary>A store to report, once some store exists and no ingestion run writes; null if none within the wait.</summary>
    private async Task<string?> StoreToReportAsync(CancellationToken stoppingToken)
    {
        var ledger = grains.GetGrain<IIngestionLedgerGrain>(0);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < WaitForDataAtMost)
        {
            if (await ledger.PeekReadGrant() is not null)
            {
                for (var partition = 0; partition < StoreIndex.PartitionCount; partition++)
                {
                    var page = await grains.GetGrain<IStoreIndexGrain>(partition).ListStorePage(null, null, 1, 1);
                    if (page.StoreIds is [var storeId, ..])
                    {
                        return storeId;
                    }
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
