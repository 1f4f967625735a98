using System.Net;
using Orleans.Configuration;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// Cluster membership in PostgreSQL through the Orleans ADO.NET provider: silos find each other in the membership
/// table, so there is no primary silo and any of them may die, and clients read the gateway list from it.
/// </summary>
public static class PostgresClusteringExtensions
{
    /// <summary>A silo of the cluster named by <paramref name="cluster"/>, on its configured ports.</summary>
    public static ISiloBuilder UseStoreMonitorPostgresClustering(this ISiloBuilder silo, ClusterSettings cluster, string? connectionString)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = cluster.ServiceId;
            options.ClusterId = cluster.ClusterId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = cluster.SiloPort;
            endpoints.GatewayPort = cluster.GatewayPort;
            if (!string.IsNullOrWhiteSpace(cluster.AdvertisedAddress))
            {
                endpoints.AdvertisedIPAddress = IPAddress.Parse(cluster.AdvertisedAddress);
            }
        });
        return silo.UseStoreMonitorPostgresMembership(connectionString);
    }

    /// <summary>Only the membership table; ids and ports are set elsewhere (e.g. by a test cluster).</summary>
    public static ISiloBuilder UseStoreMonitorPostgresMembership(this ISiloBuilder silo, string? connectionString)
    {
        var connection = PostgresConnectionStrings.Require(connectionString);
        PostgresSchema.EnsureCreated(connection);
        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSchema.ProviderInvariant;
            options.ConnectionString = connection;
        });
    }

    /// <summary>A client of the cluster named by <paramref name="cluster"/>: it finds gateways in the membership table.</summary>
    public static IClientBuilder UseStoreMonitorPostgresClustering(this IClientBuilder client, ClusterSettings cluster, string? connectionString)
    {
        client.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = cluster.ServiceId;
            options.ClusterId = cluster.ClusterId;
        });
        return client.UseStoreMonitorPostgresMembership(connectionString);
    }

    public static IClientBuilder UseStoreMonitorPostgresMembership(this IClientBuilder client, string? connectionString)
    {
        var connection = PostgresConnectionStrings.Require(connectionString);
        PostgresSchema.EnsureCreated(connection);
        return client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSchema.ProviderInvariant;
            options.ConnectionString = connection;
        });
    }
}
