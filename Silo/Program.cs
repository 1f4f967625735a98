using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Silo;

// A standalone silo for running Store Monitor as a cluster; API hosts join it in client mode. Ports come from
// configuration because several silos may share one machine. With StoreMonitor:Storage=postgres the silos find
// each other in PostgreSQL's membership table (no primary silo: any may die, and one that comes back rejoins);
// otherwise they use localhost clustering, where every silo but the first names the first one's silo port.
var builder = Host.CreateApplicationBuilder(HostArguments.WithDefaults(args));
var settings = builder.Services.AddStoreMonitorOptions(builder.Configuration);
var connectionString = builder.Configuration.GetConnectionString("StoreMonitor");
builder.AddSiloMetricsEndpoint(settings.Cluster);

builder.UseOrleans(silo =>
{
    if (StorageKinds.IsPostgres(settings.Silo.Storage))
    {
        silo.UseStoreMonitorPostgresClustering(settings.Cluster, connectionString);
    }
    else
    {
        silo.UseStoreMonitorLocalClustering(settings.Cluster);
    }

    silo.AddStoreMonitorGrains(settings.Silo.Storage, connectionString);
    // The dashboard's grains: API hosts in client mode show them at /dashboard.
    silo.AddDashboard();
    if (!settings.Silo.DashboardCounters)
    {
        silo.Services.RemoveOrleansDashboardCounterSampling();
    }
});

builder.Build().Run();
