using Microsoft.Extensions.Diagnostics.HealthChecks;
using StoreMonitor.Ingestion.Nats;

namespace StoreMonitor.Api.Health;

/// <summary>
/// The consumer of polls from NATS as an operator needs to see it: off, connecting, consuming or reconnecting, with the
/// last error. Never unhealthy: the API serves reports without the broker, so a broker that is down or not configured
/// does not take the host out of a load balancer. Connecting or reconnecting is degraded.
/// </summary>
internal sealed class NatsHealthCheck(NatsConsumerStatus status, NatsPollOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = status.Current;
        var lastError = current.LastError is null ? "" : $" Last error ({current.LastErrorAt}): {current.LastError}";
        var where = $"stream {options.Stream}, subject {options.Subject}, consumer {options.Consumer}";
        var result = current.State switch
        {
            NatsConsumerState.Off when !options.Enabled => HealthCheckResult.Healthy($"Off: {NatsPollOptions.SectionName}:Url is not set."),
            NatsConsumerState.Consuming => HealthCheckResult.Healthy(
                $"Consuming {where}; last batch {(current.LastBatchAt is { } at ? at.ToString() : "none yet")}.{lastError}"),
            NatsConsumerState.Reconnecting => HealthCheckResult.Degraded($"Reconnecting to {options.Url} ({where}).{lastError}"),
            _ => HealthCheckResult.Degraded($"Connecting to {options.Url} ({where}).{lastError}"),
        };
        return Task.FromResult(result);
    }
}
