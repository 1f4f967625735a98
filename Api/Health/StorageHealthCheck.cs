using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Api.Health;

/// <summary>Ready when grain storage answers a query against its state table.</summary>
internal sealed class StorageHealthCheck(IOptions<StoreMonitorSiloOptions> options, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var kind = options.Value.Storage.Trim().ToLowerInvariant();
        if (kind == StorageKinds.Memory)
        {
            return HealthCheckResult.Healthy("In-memory grain storage (nothing survives a restart).");
        }

        if (kind != StorageKinds.Sqlite)
        {
            // Another provider brings its own check; an unknown kind fails silo start-up anyway.
            return HealthCheckResult.Healthy($"Storage '{kind}' is not checked here.");
        }

        try
        {
            await using var source = new SqliteDataSource(SqliteConnectionStrings.OrDefault(configuration.GetConnectionString("StoreMonitor")));
            await using var command = source.CreateCommand("SELECT COUNT(*) FROM (SELECT 1 FROM OrleansStorage LIMIT 1)");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("SQLite grain storage answers.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("SQLite grain storage did not answer.", error);
        }
    }
}
