using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Hands out SQLite connections that are already tuned. <c>synchronous</c> and <c>busy_timeout</c> are
/// per-connection settings, and without <c>busy_timeout</c> Microsoft.Data.Sqlite falls back to 150 ms sleeps that
/// time out under concurrent writers; WAL persists in the file.
/// The source made by <see cref="ForGrainStorage"/> also sends the Orleans provider's writes through one
/// <see cref="SqliteWriteQueue"/>, which it owns.
/// </summary>
public sealed class SqliteDataSource : DbDataSource
{
    private const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    // A pooled connection keeps its native handle, and the settings with it: configure each handle once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object?> Configured = new();

    private readonly SqliteWriteQueue? _writes;

    /// <summary>Tuned connections that run every statement themselves.</summary>
    public SqliteDataSource(string connectionString)
        : this(connectionString, writes: null)
    {
    }

    private SqliteDataSource(string connectionString, SqliteWriteQueue? writes)
    {
        ConnectionString = connectionString;
        _writes = writes;
    }

    public override string ConnectionString { get; }

    /// <summary>The queue this source's writes go through, if it has one.</summary>
    public SqliteWriteQueue? Writes => _writes;

    /// <summary>
    /// The source for the Orleans ADO.NET grain-storage provider: its write and clear statements go through one
    /// queue (one writer, statements kept prepared, commits grouped); its reads run beside them.
    /// </summary>
    public static SqliteDataSource ForGrainStorage(string connectionString) =>
        WithQueuedWrites(connectionString, SqliteGrainStorageSchema.WriteStatements);

    /// <summary>Connections whose commands send <paramref name="statements"/> through one write queue.</summary>
    public static SqliteDataSource WithQueuedWrites(string connectionString, IReadOnlySet<string> statements) =>
        new(connectionString, new SqliteWriteQueue(connectionString, statements));

    /// <summary>Applies the per-connection settings every storage connection relies on.</summary>
    public static void ApplyConnectionSettings(SqliteConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = ConnectionPragmas;
        pragma.ExecuteNonQuery();
    }

    protected override DbConnection CreateDbConnection()
    {
        var connection = _writes is null ? new SqliteConnection(ConnectionString) : new QueuedWriteConnection(ConnectionString, _writes);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open && connection.Handle is { } handle && Configured.TryAdd(handle, null))
            {
                ApplyConnectionSettings(connection);
            }
        };
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writes?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _writes?.Dispose();
        return base.DisposeAsyncCore();
    }
}
