using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StoreMonitor.Api.Health;

/// <summary>Health as an operator reads it: the overall status, and each check's status and reason.</summary>
public sealed record HealthView(string Status, Dictionary<string, HealthCheckView> Checks)
{
    public static HealthView From(HealthReport report) => new(
        report.Status.ToString(),
        report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new HealthCheckView(entry.Value.Status.ToString(), entry.Value.Description, entry.Value.Exception?.Message)));
}

public sealed record HealthCheckView(string Status, string? Description, string? Error);
