using System.Text;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.IngestionLedger;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// A report renews its read lease every 15 s while it computes. A renewal that fails once (the ledger's storage, or
/// its silo, failing) must not fail the report; a lease that did lapse is not silently extended, and the report
/// computes again rather than keep what it read while an ingestion run may have written.
/// </summary>
[Trait("Category", TestCategories.Slow)]
[Collection(FaultInjectionCollection.Name)]
public sealed class ReportLeaseRenewalTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseDuration = StoreMonitorSiloOptions.MinimumIngestionLeaseDuration;

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;
    private CallGate? _gate;

    private IIngestionLedgerGrain Ledger => _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0);

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 20, seed: 14);
        _cluster = await StoreMonitorCluster.StartWithShortLeasesAsync(_directory.File("grains.db"), () => _gate);
        await _cluster.IngestAsync(_data.Path);
    }

    public async Task DisposeAsync()
    {
        _gate?.Release();
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_report_whose_lease_renewal_fails_once_completes_with_the_engines_rows()
    {
        var store = File.ReadLines(_data.File("store_status.csv")).Skip(1).First().Split(',')[0];
        _gate = new CallGate(nameof(IStoreGrain.ComputeUptime), store);
        var report = _cluster.Grains.GetGrain<IReportGrain>("renewal-fails");
        await report.Start(new ReportRequest(null));
        await _gate.Entered;

        // The next write of the ledger's state is the report's first renewal (15 s in): it fails.
        FaultInjectingGrainStorage.FailWrites("0", count: 1, when: state => state is IngestionLedgerState);
        await Waits.UntilAsync(() => FaultInjectingGrainStorage.FailedWrites("0") == 1, TimeSpan.FromSeconds(30), "the report's first renewal");
        _gate.Release();
        var status = await _cluster.WaitForReportAsync("renewal-fails");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path)), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, "renewal-fails"))!));
    }

    [Fact]
    public async Task A_lapsed_read_lease_is_not_renewed_and_does_not_end_as_held()
    {
        Assert.NotNull(await Ledger.TryBeginReport("lapses"));
        Assert.True(await Ledger.RenewReport("lapses"));

        await Task.Delay(LeaseDuration + TimeSpan.FromSeconds(1));

        Assert.False(await Ledger.RenewReport("lapses"));
        Assert.False(await Ledger.EndReport("lapses"));
        Assert.NotNull(await Ledger.TryBeginReport("held"));
        Assert.True(await Ledger.EndReport("held"));
    }
}
