using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StoreMonitor.Api.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (cluster, storage, first ingestion, the warm-up report of a
/// restart; the NATS consumer, which never fails it).</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddStoreMonitorHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<IngestionHealthCheck>("ingestion", tags: [ReadyTag])
            .AddCheck<WarmUpHealthCheck>("warm-up", tags: [ReadyTag])
            .AddCheck<NatsHealthCheck>("nats", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Probes (load balancers, Kubernetes) carry no credentials: these stay open whatever auth the API gets.
        var health = routes.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthView(nameof(HealthStatus.Healthy), [])))
            .WithName("Live").WithSummary("Liveness probe").WithDescription("200 while the process serves requests.");
        health.MapGet("/ready", Ready).WithName("Ready")
            .WithSummary("Readiness probe").WithDescription("200 when the cluster answers, storage answers, an ingestion has finished and a restarted host's warm-up report is done; 503 otherwise.")
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> Ready(HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken);
        var view = HealthView.From(report);
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(view);
    }
}
