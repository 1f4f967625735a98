using System.Net;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Api.Hosting;

internal static class OrleansHosting
{
    /// <summary>Co-hosts a silo (default) or, with <c>StoreMonitor:Cluster:Mode=client</c>, joins a running cluster.</summary>
    public static void AddStoreMonitorOrleans(this WebApplicationBuilder builder, StoreMonitorOptions options)
    {
        var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString("StoreMonitor");
        if (string.Equals(cluster.Mode, ClusterSettings.ClientMode, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseOrleansClient(client =>
            {
                client.Configure<Orleans.Configuration.ClusterOptions>(cluster.Apply);
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            });
            return;
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(cluster.Apply);
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primarySiloEndpoint: null, cluster.ServiceId, cluster.ClusterId);
            silo.Configure<Orleans.Configuration.EndpointOptions>(endpoints => endpoints.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddStoreMonitorGrains(options.Storage, connectionString);
        });
    }
}
