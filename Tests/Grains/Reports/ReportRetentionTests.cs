using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// Reports expire (<c>StoreMonitor:ReportRetention</c>): past their days beyond the latest few, or beyond the most
/// kept, their rows and record are deleted and their id is unknown; a report whose rows a kept report shares stays.
/// </summary>
public sealed class ReportRetentionTests : IAsyncDisposable
{
    private static readonly Instant AsOfA = Instant.FromUtc(2023, 1, 25, 6, 0);
    private static readonly Instant AsOfB = Instant.FromUtc(2023, 1, 24, 6, 0);
    private static readonly Instant AsOfC = Instant.FromUtc(2023, 1, 23, 6, 0);

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private readonly SettableClock _clock = new(Instant.FromUtc(2026, 6, 1, 12, 0));

    private string DatabasePath => _directory.File("grains.db");

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Reports_past_their_days_are_deleted_but_a_shared_one_stays_while_its_sharer_is_kept()
    {
        await using var cluster = await StartAsync(keepAtLeast: 1, keepAtMost: 100);
        var catalog = cluster.Grains.GetGrain<IReportCatalogGrain>(0);
        await RunAndListAsync(cluster, "oldest", AsOfB);
        await RunAndListAsync(cluster, "leader", AsOfA);
        var follower = await RunAndListAsync(cluster, "follower", AsOfA);
        var oldestPieces = StoredPieces("oldest");

        var withinDays = await catalog.Sweep();
        _clock.Advance(Duration.FromDays(8));
        var pastDays = await catalog.Sweep();

        Assert.Equal("leader", follower.SharedFrom);
        Assert.Equal(0, withinDays);
        Assert.Equal(1, pastDays);
        Assert.True(oldestPieces > 0);
        Assert.Equal(0, StoredPieces("oldest"));
        Assert.Equal(ReportState.Unknown, (await cluster.Grains.GetGrain<IReportGrain>("oldest").GetStatus()).State);
        Assert.Null(await ReportFile.ReadAllAsync(cluster.Grains, "oldest"));
        Assert.Equal(Engine(AsOfA), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(cluster.Grains, "follower"))!));
        Assert.Equal(["follower", "leader"], (await catalog.Recent(10)).Select(entry => entry.ReportId));

        // A newer report is now the one kept: the sharer goes, and with it the report whose rows it shared.
        await RunAndListAsync(cluster, "newest", AsOfC);
        var afterNewest = await catalog.Sweep();

        Assert.Equal(2, afterNewest);
        Assert.Equal(0, StoredPieces("leader"));
        Assert.Equal(ReportState.Unknown, (await cluster.Grains.GetGrain<IReportGrain>("follower").GetStatus()).State);
        Assert.Equal(["newest"], (await catalog.Recent(10)).Select(entry => entry.ReportId));
        Assert.Equal(Engine(AsOfC), Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(cluster.Grains, "newest"))!));
    }

    [Fact]
    public async Task Beyond_the_most_kept_the_oldest_go_as_soon_as_a_report_is_listed()
    {
        await using var cluster = await StartAsync(keepAtLeast: 1, keepAtMost: 2);
        var catalog = cluster.Grains.GetGrain<IReportCatalogGrain>(0);

        await RunAndListAsync(cluster, "first", AsOfA);
        await RunAndListAsync(cluster, "second", AsOfB);
        await RunAndListAsync(cluster, "third", AsOfC);

        Assert.Equal(["third", "second"], (await catalog.Recent(10)).Select(entry => entry.ReportId));
        Assert.Equal(ReportState.Unknown, (await cluster.Grains.GetGrain<IReportGrain>("first").GetStatus()).State);
        Assert.Equal(0, StoredPieces("first"));
        Assert.True(StoredPieces("second") > 0);
    }

    [Fact]
    public async Task An_expired_report_leaves_no_rows_behind_once_its_cleared_rows_have_aged()
    {
        await using var cluster = await StartAsync(keepAtLeast: 1, keepAtMost: 100, configure: silo => silo.Services.Configure<StoreMonitorSiloOptions>(options =>
        {
            options.ClearedState.KeptFor = TimeSpan.Zero;
            options.ClearedState.PurgeInterval = TimeSpan.FromMilliseconds(200);
        }));
        var catalog = cluster.Grains.GetGrain<IReportCatalogGrain>(0);
        await RunAndListAsync(cluster, "expiring", AsOfB);
        await RunAndListAsync(cluster, "kept", AsOfA);
        var rowsBefore = StoredGrainState.RecordsOf(DatabasePath, "expiring").Count;

        _clock.Advance(Duration.FromDays(8));
        Assert.Equal(1, await catalog.Sweep());

        // Cleared rows are kept for no time here: the purge removes them on its next round.
        await Waits.UntilAsync(() => StoredGrainState.RecordsOf(DatabasePath, "expiring").Count == 0, TimeSpan.FromSeconds(30), "the expired report's rows gone from the table");
        Assert.True(rowsBefore > 1, $"{rowsBefore} rows before the report expired");
        Assert.Equal(StoredGrainState.RecordsOf(DatabasePath, "kept").Count, StoredGrainState.CountWithPayload(DatabasePath, StateNames.ReportPart, "kept/") + 1);
    }

    [Fact]
    public async Task A_running_report_is_not_deleted()
    {
        CallGate? gate = null;
        await using var cluster = await StartAsync(keepAtLeast: 1, keepAtMost: 100, configure: silo => CallGate.Install(silo, () => gate));
        var catalog = cluster.Grains.GetGrain<IReportCatalogGrain>(0);
        gate = new CallGate("ComputeUptime", "1000000000000");
        var running = cluster.Grains.GetGrain<IReportGrain>("running");
        var started = await running.Start(new ReportRequest(AsOfA));
        await catalog.Record(new ReportCatalogEntry("running", started.CreatedAt!.Value, AsOfA));
        await gate.Entered;
        _clock.Advance(Duration.FromDays(8));
        await RunAndListAsync(cluster, "later", AsOfB, waitForGate: gate);

        var swept = await catalog.Sweep();
        gate.Release();

        Assert.Equal(0, swept);
        Assert.Equal(ReportState.Complete, (await cluster.WaitForReportAsync("running")).State);
        Assert.Equal(1, await catalog.Sweep());
        Assert.Equal(ReportState.Unknown, (await running.GetStatus()).State);
    }

    private async Task<StoreMonitorCluster> StartAsync(int keepAtLeast, int keepAtMost, Action<ISiloBuilder>? configure = null)
    {
        TestDataset.Write(_data.Path, stores: 120, seed: 41);
        var cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: silo =>
        {
            silo.Services.Replace(ServiceDescriptor.Singleton<IClock>(_clock));
            silo.Services.Configure<StoreMonitorSiloOptions>(options =>
            {
                options.ReportSliceStores = 4;
                options.ReportRetention.KeepAtLeast = keepAtLeast;
                options.ReportRetention.KeepAtMost = keepAtMost;
            });
            configure?.Invoke(silo);
        });
        await cluster.IngestAsync(_data.Path);
        return cluster;
    }

    /// <summary>Runs a report to its end and lists it, as <c>POST /trigger_report</c> does.</summary>
    private static async Task<ReportStatus> RunAndListAsync(StoreMonitorCluster cluster, string reportId, Instant asOf, CallGate? waitForGate = null)
    {
        var report = cluster.Grains.GetGrain<IReportGrain>(reportId);
        var started = await report.Start(new ReportRequest(asOf));
        await cluster.Grains.GetGrain<IReportCatalogGrain>(0).Record(new ReportCatalogEntry(reportId, started.CreatedAt!.Value, asOf));
        if (waitForGate is not null)
        {
            // Held behind the gated store: it stays running, and is kept as the latest.
            return started;
        }

        var status = await cluster.WaitForReportAsync(reportId);
        Assert.True(status.State == ReportState.Complete, $"report {reportId} ended {status.State}: {status.Error}");
        return status;
    }

    private string Engine(Instant asOf) => Encoding.UTF8.GetString(EngineReference.Compute(_data.Path, asOf));

    /// <summary>The report's pieces that still hold rows in storage.</summary>
    private long StoredPieces(string reportId) => StoredGrainState.CountWithPayload(DatabasePath, StateNames.ReportPart, reportId + "/");
}
