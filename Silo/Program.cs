using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreMonitor.Grains.Hosting;

// A standalone silo for running Store Monitor as a cluster: start several (each with its own ports; every
// silo but the first names the first one's silo port) and point API hosts at them in client mode.
var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Services.AddStoreMonitorOptions(builder.Configuration);

builder.UseOrleans(silo =>
{
    silo.UseStoreMonitorLocalClustering(settings.Cluster);
    silo.AddStoreMonitorGrains(settings.Silo.Storage, builder.Configuration.GetConnectionString("StoreMonitor"));
});

builder.Build().Run();
