using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Tests.Support.Postgres;

/// <summary>
/// Silos (in this process, talking over real loopback TCP) whose grain state, reminders and membership are all in
/// PostgreSQL, as a deployed cluster's are: there is no primary silo, and a killed silo stays in the membership
/// table until the others vote it dead.
/// </summary>
public sealed class PostgresTestCluster : IAsyncDisposable
{
    private const string ConnectionStringKey = "StoreMonitorTests:Postgres";

    private PostgresTestCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IClusterClient Grains => Cluster.Client;

    public static async Task<PostgresTestCluster> StartAsync(string connectionString, short silos = 3, string serviceId = "store-monitor-tests")
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PostgresTestCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var connectionString = silo.Configuration[ConnectionStringKey];
            ClusterLogging.Quiet(silo.Services);
            silo.UseStoreMonitorPostgresMembership(connectionString);
            silo.AddStoreMonitorGrains(StorageKinds.Postgres, connectionString);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            ClusterLogging.Quiet(client.Services);
            client.UseStoreMonitorPostgresMembership(configuration[ConnectionStringKey]);
        }
    }
}
