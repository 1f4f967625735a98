using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// A report's read lease on the stores (see <see cref="IIngestionLedgerGrain"/>): taken once no ingestion run holds
/// the lease, renewed while the report computes, given back when it is done. While it is held no run writes, so the
/// report counts each run entirely or not at all.
/// </summary>
internal sealed class IngestionReadLease : IAsyncDisposable
{
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(15);

    private readonly IIngestionLedgerGrain _status;
    private readonly string _reportId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        await _status.EndReport(_reportId);
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewInterval, _stop.Token);
                await _status.RenewReport(_reportId);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
