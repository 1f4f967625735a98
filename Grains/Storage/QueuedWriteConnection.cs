using System.Data;
using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// A connection whose commands hand the write queue's statements to the queue and run every other statement
/// themselves. The Orleans ADO.NET provider opens one of these per call and reads through
/// <see cref="System.Data.Common.DbCommand.ExecuteReaderAsync()"/>, so its writes queue and its reads do not.
/// </summary>
public sealed class QueuedWriteConnection(string connectionString, SqliteWriteQueue writes) : SqliteConnection(connectionString)
{
    public override SqliteCommand CreateCommand() =>
        new QueuedWriteCommand(writes) { Connection = this, CommandTimeout = DefaultTimeout };

    /// <summary>
    /// Refused: commands of this connection are not enlisted in a transaction, and a queued write would run outside
    /// it anyway. Use a plain <see cref="SqliteConnection"/> to run statements in a transaction.
    /// </summary>
    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred) =>
        throw new NotSupportedException("Connections of the grain-storage data source run single statements; use a plain SqliteConnection for transactions.");
}
