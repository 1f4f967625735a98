using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// A command that, when its text is one of the write queue's statements, runs on the queue's connection instead
/// of its own and returns the rows the queue read back. Only <see cref="DbCommand"/>'s readers are routed, the way
/// the provider reads; ExecuteNonQuery, ExecuteScalar and the SqliteDataReader-typed ExecuteReader run on this
/// connection, still correct (SQLite's busy_timeout orders the writers), just not queued.
/// </summary>
public sealed class QueuedWriteCommand(SqliteWriteQueue writes) : SqliteCommand
{
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        writes.Handles(CommandText)
            ? writes.WriteAsync(CommandText, TakeParameters()).GetAwaiter().GetResult().CreateReader()
            : base.ExecuteDbDataReader(behavior);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        writes.Handles(CommandText)
            ? (await writes.WriteAsync(CommandText, TakeParameters(), cancellationToken).ConfigureAwait(false)).CreateReader()
            : await base.ExecuteDbDataReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    // The parameters move to the queue's own command; this one is not run.
    private SqliteParameter[] TakeParameters()
    {
        var parameters = Parameters.Cast<SqliteParameter>().ToArray();
        Parameters.Clear();
        return parameters;
    }
}
