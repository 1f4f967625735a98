using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Silo;

internal static class SiloTelemetry
{
    /// <summary>
    /// What this silo records (the <c>StoreMonitor</c> meter: store grains, reports; and Orleans' own meter), as
    /// Prometheus text at <c>http://{MetricsHost}:{MetricsPort}/metrics</c>. The API host exports only what it
    /// records itself, so in a cluster each silo is scraped on its own.
    /// </summary>
    public static void AddSiloMetricsEndpoint(this HostApplicationBuilder builder, ClusterSettings cluster)
    {
        if (cluster.MetricsPort == 0)
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("store-monitor-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter(StoreMonitorMeter.Name, "Microsoft.Orleans")
                .AddPrometheusHttpListener(listener =>
                {
                    listener.Host = cluster.MetricsHost;
                    listener.Port = cluster.MetricsPort;
                }));
    }
}
