using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Api.Hosting;

internal static class OrleansHosting
{
    /// <summary>Co-hosts a silo (default) or, with <c>StoreMonitor:Cluster:Mode=client</c>, joins a running cluster.</summary>
    public static void AddStoreMonitorOrleans(this WebApplicationBuilder builder, StoreMonitorSettings settings)
    {
        var cluster = settings.Cluster;
        if (string.Equals(cluster.Mode, ClusterSettings.ClientMode, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseOrleansClient(client => client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId));
            return;
        }

        var connectionString = builder.Configuration.GetConnectionString("StoreMonitor");
        builder.UseOrleans(silo =>
        {
            silo.UseStoreMonitorLocalClustering(cluster);
            silo.AddStoreMonitorGrains(settings.Silo.Storage, connectionString);
        });
    }
}
