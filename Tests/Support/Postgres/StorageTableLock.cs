using Npgsql;

namespace StoreMonitor.Tests.Support.Postgres;

/// <summary>
/// The grain-state table locked against writes (reads go on) by a transaction of the test's own, so a test can hold
/// grain-state writes inside their statements and count them there.
/// </summary>
public sealed class StorageTableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private StorageTableLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<StorageTableLock> TakeAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE OrleansStorage IN EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        return new StorageTableLock(connection, transaction);
    }

    /// <summary>Backends of the database waiting on a lock, as the server sees them now.</summary>
    public static async Task<long> WaitingAsync(string connectionString)
    {
        // Its own connection: inside a transaction, pg_stat_activity keeps showing what it showed first.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Lets the waiting writes go on.</summary>
    public Task ReleaseAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
