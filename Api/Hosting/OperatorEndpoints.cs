using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace StoreMonitor.Api.Hosting;

/// <summary>
/// The operator-only surfaces in one place: Prometheus metrics, the OpenAPI document, the API reference and the
/// Orleans dashboard. The returned builder applies a convention (e.g. <c>RequireAuthorization("operator")</c>)
/// to all of them at once. Health probes are mapped apart (HealthEndpoints) because they must stay open.
/// </summary>
internal static class OperatorEndpoints
{
    public const string OpenApiPath = "/openapi/{documentName}.json";
    public const string DocsPath = "/docs";
    public const string OrleansDashboardPath = "/dashboard";

    public static IEndpointConventionBuilder MapOperatorEndpoints(this WebApplication app)
    {
        IEndpointConventionBuilder[] surfaces =
        [
            app.MapPrometheusScrapingEndpoint(),
            app.MapOpenApi(OpenApiPath),
            app.MapScalarApiReference(DocsPath, options => options.WithTitle("Store Monitor API")),
            // The Orleans dashboard's own JSON routes are its UI's, not this service's API.
            app.MapOrleansDashboard(routePrefix: OrleansDashboardPath).ExcludeFromDescription(),
        ];
        return new ConventionGroup(surfaces);
    }

    private sealed class ConventionGroup(IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
