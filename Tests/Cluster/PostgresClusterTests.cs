using System.Text;
using Npgsql;
using Orleans.TestingHost;
using StoreMonitor.Bench.Service;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// Three silos in one test process with grain state, reminders and membership in a real PostgreSQL server: the
/// cluster a deployment runs, minus the network between machines.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class PostgresClusterTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    // Time for the survivors to vote a dead silo out, the reminder to fire on its new owner, and the report to run.
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task A_report_on_three_silos_equals_the_engine_computed_directly()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        TestDataset.Write(data.Path, stores: 300, seed: 71);
        await using var cluster = await PostgresTestCluster.StartAsync(await postgres.CreateDatabaseAsync("three_silos"));

        Assert.Null((await ClusterCalls.IngestAsync(cluster.Grains, data.Path)).Error);
        var status = await ClusterCalls.RunReportAsync(cluster.Grains, "three-silos");

        Assert.Equal(3, cluster.Cluster.GetActiveSilos().Count());
        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(300, status.StoresTotal);
        Assert.Equal(Reference(data.Path), await CsvOf(cluster, "three-silos"));
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_report_whose_silo_dies_mid_run_completes_without_polling_with_the_same_rows(bool kill)
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        TestDataset.Write(data.Path, stores: 300, seed: 72);
        var connectionString = await postgres.CreateDatabaseAsync(kill ? "killed_silo" : "stopped_silo");
        await using var cluster = await PostgresTestCluster.StartAsync(connectionString);
        Assert.Null((await ClusterCalls.IngestAsync(cluster.Grains, data.Path)).Error);

        // Hold the ingestion lease so the report is certainly mid-run (waiting for ingestion) when its silo goes.
        var runner = ClusterCalls.CreateIngestionRunner(cluster.Grains);
        var held = await runner.TryBeginAsync(data.Path) ?? throw new InvalidOperationException("The ingestion lease is taken.");
        var report = cluster.Grains.GetGrain<IReportGrain>("silo-lost");
        Assert.Equal(ReportState.Running, (await report.Start(new ReportRequest(null))).State);
        var host = await HostOfAsync(cluster, report);

        if (kill)
        {
            await cluster.Cluster.KillSiloAsync(host);
        }
        else
        {
            await cluster.Cluster.StopSiloAsync(host);
        }

        await ReleaseLeaseAsync(runner, held);

        // Nobody calls the report grain until its reminder has been removed, which the report does once finished.
        Assert.True(await ReminderGoneAsync(connectionString, "silo-lost"), "The report did not finish after its silo died.");
        var status = await report.GetStatus();
        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(Reference(data.Path), await CsvOf(cluster, "silo-lost"));

        // The lost silo comes back on its old ports with a new generation and joins again.
        await cluster.Cluster.RestartSiloAsync(host);
        Assert.Equal(3, (await cluster.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
    }

    [SkippableFact]
    public async Task Stores_ingested_through_the_cluster_read_back_after_the_whole_cluster_restarts()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        using var data = new TempDirectory();
        TestDataset.Write(data.Path, stores: 300, seed: 73);
        var connectionString = await postgres.CreateDatabaseAsync("restarted");
        await using (var first = await PostgresTestCluster.StartAsync(connectionString))
        {
            var summary = await ClusterCalls.IngestAsync(first.Grains, data.Path);
            Assert.Null(summary.Error);
        }

        await using var second = await PostgresTestCluster.StartAsync(connectionString);
        var status = await ClusterCalls.RunReportAsync(second.Grains, "after-restart");

        Assert.Equal(ReportState.Complete, status.State);
        Assert.Equal(300, status.StoresTotal);
        Assert.Equal(Reference(data.Path), await CsvOf(second, "after-restart"));
    }

    private static string Reference(string directory) => Encoding.UTF8.GetString(EngineReference.Compute(directory));

    private static async Task<string> CsvOf(PostgresTestCluster cluster, string reportId) =>
        Encoding.UTF8.GetString(await ReportFile.ReadAllAsync(cluster.Grains, reportId) ?? []);

    private static async Task<SiloHandle> HostOfAsync(PostgresTestCluster cluster, IReportGrain report)
    {
        var address = await cluster.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(report)
            ?? throw new InvalidOperationException("The report grain has no activation.");
        return cluster.Cluster.GetActiveSilos().Single(silo => silo.SiloAddress.Equals(address));
    }

    /// <summary>Ends the held run; while the dead silo is still a member, calls to it fail, so keep trying.</summary>
    private static async Task ReleaseLeaseAsync(StoreMonitor.Ingestion.IngestionRunner runner, StoreMonitor.Grains.Interfaces.IngestionLedger.IngestionRunInfo held)
    {
        var deadline = DateTimeOffset.UtcNow + RecoveryDeadline;
        while (true)
        {
            try
            {
                await runner.RunAsync(held, CancellationToken.None);
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Watches the reminder table, not the grain: asking the grain would itself re-activate the report.</summary>
    private static async Task<bool> ReminderGoneAsync(string connectionString, string reportId)
    {
        var deadline = DateTimeOffset.UtcNow + RecoveryDeadline;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansRemindersTable WHERE GrainId LIKE @grain", connection);
            command.Parameters.AddWithValue("grain", "%" + reportId + "%");
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return false;
    }
}
