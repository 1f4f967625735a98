using System.Diagnostics;
using System.Text;
using System.Text.Json;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;
using Xunit.Abstractions;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// Crashes mid-ingestion on the PostgreSQL cluster: the API host (a cluster client, a real process) killed with
/// SIGKILL and started again, and the silo that holds the ingestion ledger killed while a run writes. Either way no
/// report counts half a run, and the data is ingested without waiting out the lease.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class PostgresCrashTests(ThrowawayPostgres postgres, ITestOutputHelper output) : IClassFixture<ThrowawayPostgres>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task A_client_API_host_killed_mid_ingestion_and_restarted_ingests_at_once_and_its_reports_equal_the_engine()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        using var work = new TempDirectory();
        TestDataset.Write(data.Path, stores: 2000, seed: 91);
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(data.Path));
        var connectionString = await postgres.CreateDatabaseAsync("client_killed");
        await using var cluster = await PostgresTestCluster.StartAsync(connectionString, silos: 2);
        string[] client =
        [
            "--StoreMonitor:Cluster:Mode=client",
            "--StoreMonitor:Storage=postgres",
            $"--ConnectionStrings:StoreMonitor={connectionString}",
            $"--StoreMonitor:Cluster:ServiceId={cluster.Cluster.Options.ServiceId}",
            $"--StoreMonitor:Cluster:ClusterId={cluster.Cluster.Options.ClusterId}",
            "--StoreMonitor:ScanInterval=00:00:00",
        ];

        await using (var first = await ApiProcess.StartAsync(data.Path, work.File("unused.db"), client))
        {
            await WaitForStateAsync(first.Client, "Running");
            await first.KillAsync();
        }

        var restart = Stopwatch.StartNew();
        await using var second = await ApiProcess.StartAsync(data.Path, work.File("unused.db"), client);
        var immediate = await ReportsOverHttp.TriggerAsync(second.Client);
        var idle = await WaitForStateAsync(second.Client, "Idle");
        var ingested = restart.Elapsed;
        var onIdle = await ReportsOverHttp.TriggerAsync(second.Client);

        output.WriteLine($"client API restarted: ingested {ingested.TotalSeconds:F2} s after the restart");
        Assert.True(ingested < LeaseDuration, $"ingested {ingested} after the restart\n{second.Output}");
        Assert.Contains("is gone", idle.GetProperty("last_abandoned").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(expected, await ReportsOverHttp.CsvAsync(second.Client, immediate, TimeSpan.FromMinutes(3)));
        Assert.Equal(expected, await ReportsOverHttp.CsvAsync(second.Client, onIdle, TimeSpan.FromMinutes(3)));
    }

    [SkippableFact]
    public async Task The_silo_holding_the_ingestion_ledger_killed_mid_ingestion_loses_no_run_and_reports_equal_the_engine()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        TestDataset.Write(data.Path, stores: 1500, seed: 92);
        var connectionString = await postgres.CreateDatabaseAsync("ledger_silo_killed");
        await using var cluster = await PostgresTestCluster.StartAsync(connectionString);
        var runner = ClusterCalls.CreateIngestionRunner(cluster.Grains);
        var ledger = cluster.Grains.GetGrain<IIngestionLedgerGrain>(0);
        var run = await runner.TryBeginAsync(data.Path) ?? throw new InvalidOperationException("The ingestion lease is taken.");
        var address = await cluster.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(ledger)
            ?? throw new InvalidOperationException("The ledger has no activation.");
        var host = cluster.Cluster.GetActiveSilos().Single(silo => silo.SiloAddress.Equals(address));

        var running = runner.RunAsync(run, CancellationToken.None);
        await cluster.Cluster.KillSiloAsync(host);
        var summary = await running;

        Assert.Null(summary.Error);
        var status = await ledger.GetStatus();
        Assert.Equal(IngestionState.Idle, status.State);
        Assert.Equal(run.RunId, status.LastRun?.RunId);
        var report = await ClusterCalls.RunReportAsync(cluster.Grains, "after-ledger-silo");
        Assert.Equal(ReportState.Complete, report.State);
        Assert.Equal(run.RunId, report.IncludedRunId);
        Assert.Equal(
            Encoding.UTF8.GetString(EngineReference.Compute(data.Path)),
            Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(cluster.Grains, "after-ledger-silo"))!));
    }

    private static async Task<JsonElement> WaitForStateAsync(HttpClient client, string state)
    {
        var deadline = DateTimeOffset.UtcNow + LeaseDuration + TimeSpan.FromMinutes(1);
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync("/ingestion")).RootElement;
            if (status.GetProperty("state").GetString() == state)
            {
                return status;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"/ingestion never said {state}: {status}");
            await Task.Delay(25);
        }
    }
}
