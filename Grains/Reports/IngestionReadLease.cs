using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// A report's read lease on the stores (see <see cref="IIngestionLedgerGrain"/>): taken once no ingestion run holds
/// the lease, renewed while the report computes, given back when it is done. While it is held no run writes, so the
/// report counts each run entirely or not at all. A renewal that fails is tried again at the next one (the ledger's
/// silo may be moving); a lease that lapsed anyway is lost, and <see cref="EndAsync"/> says so: the report computes
/// again instead of keeping what it read.
/// </summary>
internal sealed class IngestionReadLease : IAsyncDisposable
{
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(15);

    private readonly IIngestionLedgerGrain _status;
    private readonly string _reportId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private bool _lost;
    private bool _ended;

    private IngestionReadLease(IIngestionLedgerGrain status, string reportId, ReportReadGrant grant)
    {
        _status = status;
        _reportId = reportId;
        Grant = grant;
        _renewing = RenewAsync();
    }

    /// <summary>The runs the report's data includes.</summary>
    public ReportReadGrant Grant { get; }

    /// <summary>
    /// Waits while an ingestion run holds the lease (or an abandoned run's data is pending), then takes a read lease.
    /// <paramref name="blocked"/> runs each time the report finds it must wait.
    /// </summary>
    public static async Task<IngestionReadLease> AcquireAsync(IIngestionLedgerGrain status, string reportId, TimeSpan retryInterval, Func<Task> blocked)
    {
        while (true)
        {
            if (await status.TryBeginReport(reportId) is { } grant)
            {
                return new IngestionReadLease(status, reportId, grant);
            }

            await blocked();
            await Task.Delay(retryInterval);
        }
    }

    /// <summary>Gives the lease back; true when it held from start to end, so what the report read is whole.</summary>
    public async Task<bool> EndAsync()
    {
        await StopRenewingAsync();
        _ended = true;
        var held = await _status.EndReport(_reportId);
        return held && !_lost;
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        if (!_ended)
        {
            try
            {
                await _status.EndReport(_reportId);
            }
            catch (Exception)
            {
                // The report failed or lost its silo on the way here; an unreturned lease lapses by itself.
            }
        }

        _stop.Dispose();
    }

    private async Task StopRenewingAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
    }

    private async Task RenewAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RenewInterval, _stop.Token);
                if (!await _status.RenewReport(_reportId))
                {
                    _lost = true;
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Tried again at the next renewal; if the lease lapses meanwhile, that renewal says so.
            }
        }
    }
}
