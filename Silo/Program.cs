using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using StoreMonitor.Grains.Hosting;

// A standalone silo for running Store Monitor as a cluster: start several (each with its own ports; every
// silo but the first names the first one's silo port) and point API hosts at them in client mode.
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(StoreMonitorOptions.SectionName).Get<StoreMonitorOptions>() ?? new();
var cluster = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new();
builder.Services.Configure<StoreMonitorOptions>(builder.Configuration.GetSection(StoreMonitorOptions.SectionName));

builder.UseOrleans(silo =>
{
    silo.UseStoreMonitorLocalClustering(cluster);
    silo.AddStoreMonitorGrains(options.Storage, builder.Configuration.GetConnectionString("StoreMonitor"));
    // The dashboard's grains: API hosts in client mode show them at /dashboard.
    silo.AddDashboard();
});

builder.Build().Run();
