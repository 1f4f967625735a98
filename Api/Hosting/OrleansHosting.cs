using Orleans.Configuration;
using Orleans.Dashboard;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Calls;

namespace StoreMonitor.Api.Hosting;

internal static class OrleansHosting
{
    private static IClientBuilder UseStoreMonitorTimeouts(this IClientBuilder client) =>
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = CallTimeouts.Response);

    /// <summary>Co-hosts a silo (default) or, with <c>StoreMonitor:Cluster:Mode=client</c>, joins a running cluster.</summary>
    public static void AddStoreMonitorOrleans(this WebApplicationBuilder builder, StoreMonitorSettings settings)
    {
        var cluster = settings.Cluster;
        var connectionString = builder.Configuration.GetConnectionString("StoreMonitor");
        if (string.Equals(cluster.Mode, ClusterSettings.ClientMode, StringComparison.OrdinalIgnoreCase))
        {
            // The API is a client, not a silo: it holds no grains, so HTTP hosts scale (and restart) apart from
            // the silos and a dying API never takes grain activations with it. The Orleans dashboard runs here as a
            // client of the silos' dashboard grains (the Silo host adds them).
            if (StorageKinds.IsPostgres(settings.Silo.Storage))
            {
                builder.UseOrleansClient(client => client.UseStoreMonitorPostgresClustering(cluster, connectionString).UseStoreMonitorTimeouts().AddDashboard());
            }
            else
            {
                builder.UseOrleansClient(client => client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId).UseStoreMonitorTimeouts().AddDashboard());
            }

            builder.Services.ShareOrleansDashboardAssets();
            return;
        }

        builder.UseOrleans(silo =>
        {
            silo.UseStoreMonitorLocalClustering(cluster);
            silo.AddStoreMonitorGrains(settings.Silo.Storage, connectionString);
            silo.AddDashboard();
            if (!settings.Silo.DashboardCounters)
            {
                silo.Services.RemoveOrleansDashboardCounterSampling();
            }
        });
        builder.Services.ShareOrleansDashboardAssets();
    }
}
