namespace StoreMonitor.Api.Security;

/// <summary>
/// How an endpoint (or a group) says who may call it. An endpoint that says nothing needs a reader key (the
/// fallback policy); health checks opt out with <c>AllowAnonymous()</c>.
/// </summary>
public static class EndpointAccessExtensions
{
    /// <summary>Readers and operators: reports, stores, ingestion status, metrics, OpenAPI, dashboards.</summary>
    public static TBuilder RequireReader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(ApiPolicies.Reader);

    /// <summary>Operators only: calls that start work or change data (trigger_report, ingestion, uploads, deletes).</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(ApiPolicies.Operator);
}
