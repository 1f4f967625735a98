namespace StoreMonitor.Api.Security;

/// <summary>Endpoint metadata: calls to this endpoint count against the caller's limit under <paramref name="Policy"/>.</summary>
public sealed record RateLimitedEndpoint(string Policy);
