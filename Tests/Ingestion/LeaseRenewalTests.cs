using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.IngestionLedger;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// A run renews its lease through a failed renewal (the status grain's storage, or its silo, failing once): one
/// throwing heartbeat must not end the renewals while the run keeps writing, or the lease lapses mid-run and a
/// report could count half of it. The run here is held at one store for longer than the lease lasts.
/// </summary>
[Trait("Category", TestCategories.Slow)]
[Collection(FaultInjectionCollection.Name)]
public sealed class LeaseRenewalTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseDuration = StoreMonitorSiloOptions.MinimumIngestionLeaseDuration;

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;
    private CallGate? _gate;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 20, seed: 12);
        _cluster = await StoreMonitorCluster.StartWithShortLeasesAsync(_directory.File("grains.db"), () => _gate);
    }

    public async Task DisposeAsync()
    {
        _gate?.Release();
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_run_whose_heartbeat_fails_once_renews_on_and_completes_holding_its_lease()
    {
        var store = File.ReadLines(_data.File("store_status.csv")).Skip(1).First().Split(',')[0];
        _gate = new CallGate(nameof(IStoreGrain.Ingest), store);
        var runner = _cluster.CreateIngestionRunner();
        var run = await runner.TryBeginAsync(_data.Path) ?? throw new InvalidOperationException("The ingestion lease is taken.");
        var running = runner.RunAsync(run, CancellationToken.None);
        await _gate.Entered;

        // The next write of the ledger's state is the first heartbeat's: it fails, as a lost silo's call would.
        FaultInjectingGrainStorage.FailWrites("0", count: 1, when: state => state is IngestionLedgerState);
        await Waits.UntilAsync(() => FaultInjectingGrainStorage.FailedWrites("0") == 1, TimeSpan.FromSeconds(30), "the first heartbeat");

        // Hold the run past the lease the failed heartbeat would have left it (its last good renewal + the duration).
        await Task.Delay(LeaseDuration + LeaseDuration / 2);
        _gate.Release();
        var summary = await running;

        Assert.Null(summary.Error);
        var status = await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetStatus();
        Assert.Equal(run.RunId, status.LastRun?.RunId);
        Assert.Null(status.LastAbandoned);
        Assert.Equal(IngestionRunOutcome.Completed, (await _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0).GetRuns(1)).Single().Outcome);
    }
}
