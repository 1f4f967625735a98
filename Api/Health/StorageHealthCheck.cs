using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
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

        if (kind == StorageKinds.Postgres)
        {
            return await CheckPostgresAsync(cancellationToken);
        }

        if (kind != StorageKinds.Sqlite)
        {
            // An unknown kind fails silo start-up anyway.
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

    /// <summary>The same question of PostgreSQL, where the silos keep grain state, reminders and membership.</summary>
    private async Task<HealthCheckResult> CheckPostgresAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A short connect timeout: a probe that hangs for the driver's default 15 s is a probe that timed out.
            var connectionString = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Require(configuration.GetConnectionString("StoreMonitor")))
            {
                Timeout = 5,
            }.ConnectionString;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM (SELECT 1 FROM OrleansStorage LIMIT 1) AS one", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL grain storage answers.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL grain storage did not answer.", error);
        }
    }
}
