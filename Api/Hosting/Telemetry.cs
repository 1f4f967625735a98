using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Api.Hosting;

internal static class Telemetry
{
    /// <summary>The standard OpenTelemetry setting: when set, metrics and traces are also pushed over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics of the <c>StoreMonitor</c> meter and ASP.NET Core's HTTP metrics (renamed under <c>storemonitor.</c>,
    /// so one prefix finds everything the service reports), scraped as Prometheus text at <c>/metrics</c>.
    /// </summary>
    public static void AddStoreMonitorTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("store-monitor"))
            .WithMetrics(metrics =>
            {
                // Only the hosting meter of ASP.NET Core (request duration, active requests): Kestrel's and routing's
                // internals are not what an operator of this service watches.
                metrics.AddMeter(StoreMonitorMeter.Name, "Microsoft.AspNetCore.Hosting")
                    .AddView("http.server.request.duration", new MetricStreamConfiguration { Name = "storemonitor.http.server.request.duration" })
                    .AddView("http.server.active_requests", new MetricStreamConfiguration { Name = "storemonitor.http.server.active_requests" })
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("Microsoft.Orleans.Application").AddOtlpExporter());
        }
    }
}
