using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Ingestion.Hosting;

/// <summary>
/// Looks at the data directory every <c>StoreMonitor:ScanInterval</c> and ingests what is new, so an hourly refresh of
/// the files (or a new <c>store_status*.csv</c> drop) arrives without anyone asking. A scan that finds every file as
/// the last run recorded it costs one stat per file and starts no run, unless a poll drop is past
/// <c>StoreMonitor:Inbox:Retention</c>: then a run removes it (and reads nothing).
/// </summary>
public sealed class IngestionScanner(
    IngestionCoordinator coordinator,
    IOptions<IngestionOptions> options,
    ILogger<IngestionScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ScanInterval;
        if (interval <= TimeSpan.Zero)
        {
            logger.LogInformation("The periodic scan of the data directory is off (StoreMonitor:ScanInterval is 00:00:00)");
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await coordinator.ScanAsync();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next tick tries again: a scan must never stop the host.
                logger.LogWarning(error, "Scan of {Directory} failed", coordinator.DataDirectory);
            }
        }
    }
}
