using System.Diagnostics;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.IngestionLedger;

/// <summary>
/// A lease whose holder is gone is void at once, not after its duration (two minutes); one whose holder may still be
/// alive is kept. Either way, from the moment a run is abandoned until a successor completes, reports wait: the
/// abandoned run left its data half-written.
/// </summary>
public sealed class GoneHolderTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    private IIngestionLedgerGrain Ledger => _cluster.Grains.GetGrain<IIngestionLedgerGrain>(0);

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 20, seed: 5);
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    private IngestionRunner Runner(LeaseHolder? holder = null) =>
        ClusterCalls.CreateIngestionRunner(_cluster.Grains, holder: holder is null ? null : LeaseHolderIdentity.Of(holder));

    [Fact]
    public async Task A_lease_held_by_a_process_of_this_machine_that_is_gone_is_void_at_once_and_reports_wait_for_the_successor()
    {
        var dead = await ExitedProcessAsync();
        var abandoned = await Runner(dead).TryBeginAsync(_data.Path);
        Assert.NotNull(abandoned);

        var successor = await Runner().TryBeginAsync(_data.Path);

        Assert.NotNull(successor);
        var pending = await Ledger.GetStatus();
        Assert.Equal(IngestionState.Running, pending.State);
        Assert.Equal(abandoned.RunId, pending.LastAbandoned?.RunId);
        Assert.Contains($"process {dead.ProcessId}", pending.LastAbandoned?.Reason, StringComparison.Ordinal);
        Assert.Equal(successor.RunId, pending.LastAbandoned?.SuccessorRunId);
        Assert.True(pending.LastAbandoned?.DataPending);
        Assert.Contains($"run {successor.RunNumber}", pending.ReportsWaitFor, StringComparison.Ordinal);
        Assert.Null(await Ledger.PeekReadGrant());

        var summary = await Runner().RunAsync(successor, CancellationToken.None);

        Assert.Null(summary.Error);
        var recovered = await Ledger.GetStatus();
        Assert.Equal(IngestionState.Idle, recovered.State);
        Assert.False(recovered.LastAbandoned?.DataPending);
        Assert.Null(recovered.ReportsWaitFor);
        Assert.Equal(successor.RunId, (await Ledger.PeekReadGrant())?.LastRunId);
        var history = await Ledger.GetRuns(10);
        Assert.Equal([IngestionRunOutcome.Completed, IngestionRunOutcome.Abandoned], history.Select(entry => entry.Outcome));
    }

    [Fact]
    public async Task A_lease_held_by_a_living_process_is_kept_however_late_its_heartbeats_are()
    {
        var holder = await Runner().TryBeginAsync(_data.Path);
        Assert.NotNull(holder);

        // No heartbeat is sent: the holder is busy, not dead. Another claimant on this machine sees it alive.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Null(await Runner().TryBeginAsync(_data.Path));
        }

        var status = await Ledger.GetStatus();
        Assert.Equal(IngestionState.Running, status.State);
        Assert.Equal(holder.RunId, status.CurrentRun?.RunId);
        Assert.Null(status.LastAbandoned);
    }

    [Fact]
    public async Task A_lease_held_through_a_silo_that_restarted_is_void_at_once()
    {
        var silo = _cluster.Cluster.Silos[0].SiloAddress;
        var earlier = SiloAddress.New(silo.Endpoint, silo.Generation - 1);
        var elsewhere = Elsewhere() with { Silo = earlier.ToParsableString() };
        var abandoned = await Runner(elsewhere).TryBeginAsync(_data.Path);
        Assert.NotNull(abandoned);

        var successor = await Runner().TryBeginAsync(_data.Path);

        Assert.NotNull(successor);
        var status = await Ledger.GetStatus();
        Assert.Contains(earlier.ToParsableString(), status.LastAbandoned?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_held_elsewhere_through_a_silo_the_cluster_does_not_know_is_kept()
    {
        var silo = _cluster.Cluster.Silos[0].SiloAddress;
        var unknown = SiloAddress.New(new System.Net.IPEndPoint(silo.Endpoint.Address, silo.Endpoint.Port + 1), silo.Generation);
        Assert.NotNull(await Runner(Elsewhere() with { Silo = unknown.ToParsableString() }).TryBeginAsync(_data.Path));

        Assert.Null(await Runner().TryBeginAsync(_data.Path));
    }

    [Fact]
    public async Task A_run_given_up_by_a_stopping_host_leaves_its_data_pending_until_a_successor_completes()
    {
        var first = await Runner().TryBeginAsync(_data.Path);
        Assert.NotNull(first);

        await Ledger.Release(first.RunId);

        var status = await Ledger.GetStatus();
        Assert.Equal(IngestionState.Pending, status.State);
        Assert.Contains("stopped before the run finished", status.ReportsWaitFor, StringComparison.Ordinal);
        Assert.Null(await Ledger.PeekReadGrant());
        Assert.Null(await Ledger.TryBeginReport("a-report"));
        // Nothing in the files changed, yet a run is needed: the released run's part was never completed.
        Assert.True(await Runner().NeedsRunAsync(_data.Path));

        await _cluster.IngestAsync(_data.Path);

        Assert.NotNull(await Ledger.TryBeginReport("a-report"));
        Assert.False(await Runner().NeedsRunAsync(_data.Path));
    }

    [Fact]
    public async Task A_successor_that_fails_leaves_the_abandoned_runs_data_pending_until_one_completes()
    {
        var first = await Runner().TryBeginAsync(_data.Path);
        Assert.NotNull(first);
        await Ledger.Release(first.RunId);
        var failing = await Runner().TryBeginAsync(_data.Path);
        Assert.NotNull(failing);

        // The successor fails part-way (a file it could not read): it did not read again all the abandoned run left.
        await Ledger.Complete(
            new IngestionSummary(failing.RunId, failing.Directory, failing.StartedAt, failing.StartedAt, [], 0, "", "store_status.csv: unreadable", [], failing.RunNumber),
            files: null);

        var status = await Ledger.GetStatus();
        Assert.Equal(IngestionState.Pending, status.State);
        Assert.True(status.LastAbandoned?.DataPending);
        Assert.Null(await Ledger.TryBeginReport("a-report"));

        await _cluster.IngestAsync(_data.Path);

        Assert.False((await Ledger.GetStatus()).LastAbandoned?.DataPending);
        Assert.NotNull(await Ledger.TryBeginReport("a-report"));
    }

    /// <summary>A holder on this machine whose process has exited (the id is not reused in the test's lifetime).</summary>
    private static async Task<LeaseHolder> ExitedProcessAsync()
    {
        var (id, startedAt) = await ExitedProcess.RunAsync();
        return LeaseHolderIdentity.OfThisProcess(silo: null).Current with { ProcessId = id, ProcessStartedAt = startedAt };
    }

    /// <summary>A holder on another machine: only the cluster can say whether it is gone.</summary>
    private static LeaseHolder Elsewhere() =>
        LeaseHolderIdentity.OfThisProcess(silo: null).Current with { Machine = "another-machine" };
}
