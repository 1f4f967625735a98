using Orleans.Dashboard;
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
            // The Orleans dashboard runs here as a client of the silos' dashboard grains (the Silo host adds them).
            builder.UseOrleansClient(client => client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId).AddDashboard());
            return;
        }

        builder.UseOrleans(silo =>
        {
            silo.UseStoreMonitorLocalClustering(cluster);
            silo.AddStoreMonitorGrains(options.Storage, connectionString);
            silo.AddDashboard();
        });
    }
}
