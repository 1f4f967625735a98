using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Hands the Orleans ADO.NET provider SQLite connections that are already tuned. <c>synchronous</c> and
/// <c>busy_timeout</c> are per-connection settings, and without <c>busy_timeout</c> Microsoft.Data.Sqlite
/// falls back to 150 ms sleeps that time out under concurrent writers; WAL persists in the file.
/// The PRAGMAs run on every open, so they hold whichever way the provider opens the connection.
/// </summary>
public sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    private const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    // A pooled connection keeps its native handle, and the settings with it: configure each handle once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object?> Configured = new();

    public override string ConnectionString { get; } = connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open && connection.Handle is { } handle && Configured.TryAdd(handle, null))
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = ConnectionPragmas;
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }
}
