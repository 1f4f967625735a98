namespace StoreMonitor.Api.Security;

/// <summary>The authorization policies endpoints ask for (see <see cref="EndpointAccessExtensions"/>).</summary>
public static class ApiPolicies
{
    /// <summary>Reader or operator. Also the fallback: an endpoint that names no policy needs at least this.</summary>
    public const string Reader = "reader";

    /// <summary>Operator only: calls that start work or change data.</summary>
    public const string Operator = "operator";
}
