using Npgsql;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// Asks grain storage one cheap question of its state table, the way a host's readiness check needs: is the database
/// the silos keep grain state in there and answering? The API host asks it in both modes (in client mode it reaches
/// the same PostgreSQL the silos use).
/// </summary>
public static class GrainStorageProbe
{
    public static async Task<StorageProbeResult> AskAsync(string storageKind, string? connectionString, CancellationToken cancellationToken)
    {
        var kind = storageKind.Trim().ToLowerInvariant();
        if (kind == StorageKinds.Memory)
        {
            return new(true, "In-memory grain storage (nothing survives a restart).", null);
        }

        if (kind == StorageKinds.Postgres)
        {
            return await AskPostgresAsync(connectionString, cancellationToken);
        }

        if (kind != StorageKinds.Sqlite)
        {
            // An unknown kind fails silo start-up anyway.
            return new(true, $"Storage '{kind}' is not checked here.", null);
        }

        try
        {
            await using var source = new SqliteDataSource(SqliteConnectionStrings.OrDefault(connectionString));
            await using var command = source.CreateCommand("SELECT COUNT(*) FROM (SELECT 1 FROM OrleansStorage LIMIT 1)");
            await command.ExecuteScalarAsync(cancellationToken);
            return new(true, "SQLite grain storage answers.", null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new(false, "SQLite grain storage did not answer.", error);
        }
    }

    /// <summary>The same question of PostgreSQL, where the silos keep grain state, reminders and membership.</summary>
    private static async Task<StorageProbeResult> AskPostgresAsync(string? connectionString, CancellationToken cancellationToken)
    {
        try
        {
            // A short connect timeout: a probe that hangs for the driver's default 15 s is a probe that timed out.
            var probe = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Require(connectionString)) { Timeout = 5 }.ConnectionString;
            await using var connection = new NpgsqlConnection(probe);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM (SELECT 1 FROM OrleansStorage LIMIT 1) AS one", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return new(true, "PostgreSQL grain storage answers.", null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new(false, "PostgreSQL grain storage did not answer.", error);
        }
    }
}

/// <summary>What <see cref="GrainStorageProbe"/> found: whether storage answered, in words, and the error if not.</summary>
public sealed record StorageProbeResult(bool Answers, string Description, Exception? Error);
