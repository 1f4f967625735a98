using Microsoft.Data.Sqlite;
using StoreMonitor.Grains.Storage;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>
/// The settings every storage connection relies on: a writer waits for the lock (<c>busy_timeout</c>) instead of
/// failing after Microsoft.Data.Sqlite's own short retries, and commits do not fsync (<c>synchronous=NORMAL</c>, safe
/// with WAL against a killed process). They are applied once per native connection, so they must survive the pool.
/// </summary>
public sealed class SqliteDataSourceTests
{
    [Fact]
    public void Every_connection_handed_out_waits_for_locks_and_commits_without_fsync_also_when_the_pool_reuses_it()
    {
        using var directory = new TempDirectory();
        var connectionString = SqliteConnectionStrings.OrDefault($"Data Source={directory.File("pool.db")}");
        SqliteGrainStorageSchema.EnsureCreated(connectionString);
        var source = new SqliteDataSource(connectionString);

        for (var open = 0; open < 3; open++)
        {
            using var connection = (SqliteConnection)source.OpenConnection();
            Assert.Equal(10_000L, Pragma(connection, "busy_timeout"));
            Assert.Equal(1L, Pragma(connection, "synchronous"));
            Assert.Equal("wal", Pragma(connection, "journal_mode"));
        }
    }

    private static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }
}
