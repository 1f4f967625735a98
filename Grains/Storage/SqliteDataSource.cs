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

    public override string ConnectionString { get; } = connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = ConnectionPragmas;
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }
}
