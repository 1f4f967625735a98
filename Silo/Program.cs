using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreMonitor.Grains.Hosting;

// A standalone silo for running Store Monitor as a cluster; API hosts join it in client mode. Ports come from
// configuration because several silos may share one machine. With StoreMonitor:Storage=postgres the silos find
// each other in PostgreSQL's membership table (no primary silo: any may die, and one that comes back rejoins);
// otherwise they use localhost clustering, where every silo but the first names the first one's silo port.
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(StoreMonitorOptions.SectionName).Get<StoreMonitorOptions>() ?? new();
var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
var connectionString = builder.Configuration.GetConnectionString("StoreMonitor");
builder.Services.Configure<StoreMonitorOptions>(builder.Configuration.GetSection(StoreMonitorOptions.SectionName));

builder.UseOrleans(silo =>
{
    if (StorageKinds.IsPostgres(options.Storage))
    {
        silo.UseStoreMonitorPostgresClustering(cluster, connectionString);
    }
    else
    {
        silo.UseStoreMonitorLocalClustering(cluster);
    }

    silo.AddStoreMonitorGrains(options.Storage, connectionString);
});

builder.Build().Run();
