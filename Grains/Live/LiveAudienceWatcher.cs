using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Live;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Live;

/// <summary>
/// Runs in every silo: keeps <see cref="LiveAudience"/> up to date with the hosts listening, every second, and wakes
/// every partition's live board once an ingestion run has finished (so silence sweeps run after a restart without
/// waiting for new polls). Not before: a board is placed over the silos its placing silo counts when it wakes, and
/// stays there; woken on a fresh cluster by the first silo up, all 64 boards, and every store's live status, stayed on
/// that silo. Until a run has finished, a board wakes when its partition first hands it stores' conditions.
/// </summary>
internal sealed class LiveAudienceWatcher(IGrainFactory grains, LiveAudience audience, ILogger<LiveAudienceWatcher> logger) : BackgroundService
{
    internal static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var boardsAwake = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                audience.SetHosts(await grains.GetGrain<ILiveHostsGrain>(0).GetHosts());
                var sinks = await Task.WhenAll(audience.Sinks.Select(sink => sink.IsListening()));
                audience.SetSinksListening(sinks.Any(listening => listening));
                if (!boardsAwake && (await grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus()).LastRun is not null)
                {
                    await Task.WhenAll(Enumerable.Range(0, StoreIndex.PartitionCount).Select(partition => grains.GetGrain<ILiveBoardGrain>(partition).Wake()));
                    boardsAwake = true;
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may not answer yet (starting) or the registry's silo may be gone: the next round asks again.
                logger.LogDebug(error, "Live: the listening hosts could not be read");
            }

            try
            {
                await Task.Delay(Refresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
