using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// The one writer of a silo's grain state to one SQLite database. SQLite takes one writer at a time, so writes are
/// queued in-process rather than left to SQLite's busy handler (which sleeps a millisecond and up, however soon the
/// lock frees). Queued writes then cost less than they would one by one:
/// <list type="bullet">
/// <item>one long-lived connection keeps each statement prepared, where the provider would prepare it anew on every
/// call;</item>
/// <item>writes that queue up while one runs are committed together, one commit for many (group commit).</item>
/// </list>
/// A write's task completes only once its transaction is committed, so a grain still sees its write as durable
/// before it goes on. If a write fails inside a group, the group is rolled back and each of its writes runs again
/// alone: one bad write fails only its own caller. If the group cannot take the write lock, or its commit fails,
/// nothing of it was written and every write of the group fails with that error.
/// </summary>
public sealed class SqliteWriteQueue : IGrainStateWrites, IDisposable
{
    // Large enough to amortise the commit, small enough that the write lock is held a few milliseconds at most.
    private const int MostWritesPerCommit = 256;

    private readonly IReadOnlySet<string> _statements;
    private readonly PreparedStatements _prepared;
    private readonly GroupingThread<QueuedWrite> _writer;

    // The provider's few parameter names, each prefixed once rather than on every write.
    private readonly ConcurrentDictionary<string, string> _prefixedNames = new(StringComparer.Ordinal);

    /// <param name="connectionString">The database written to.</param>
    /// <param name="statements">
    /// The statements this queue runs (exact command texts); see <see cref="Handles"/>. Their SQL names its
    /// parameters with <c>@</c>, as the provider's queries do.
    /// </param>
    public SqliteWriteQueue(string connectionString, IReadOnlySet<string> statements)
    {
        _statements = statements;
        _prepared = new PreparedStatements(connectionString);
        _writer = new GroupingThread<QueuedWrite>("SQLite grain-state writer", MostWritesPerCommit, WriteGroup, _prepared.Dispose);
    }

    /// <summary>Whether <paramref name="commandText"/> is one of the statements this queue runs.</summary>
    public bool Handles(string commandText) => _statements.Contains(commandText);

    /// <summary>
    /// Runs <paramref name="commandText"/> with <paramref name="parameters"/> once the writes queued before it have
    /// run, and completes with its result sets once it is committed. A write cannot be withdrawn once queued:
    /// <paramref name="cancellationToken"/> only stops it from being queued.
    /// </summary>
    public Task<BufferedResults> WriteAsync(string commandText, IReadOnlyList<SqliteParameter> parameters, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Handles(commandText))
        {
            throw new ArgumentException("The write queue runs only the statements it was given.", nameof(commandText));
        }

        foreach (var parameter in parameters)
        {
            // Named as in the SQL ("@Name"): Microsoft.Data.Sqlite would otherwise try each prefix in turn on every
            // bind, on the writer's thread.
            if (parameter.ParameterName.Length > 0 && parameter.ParameterName[0] is not ('@' or '$' or ':'))
            {
                parameter.ParameterName = _prefixedNames.GetOrAdd(parameter.ParameterName, name => "@" + name);
            }
        }

        return Queue(new CommandWrite(commandText, parameters)).Result;
    }

    /// <summary>
    /// Writes a grain's state row with the provider's <c>WriteToStorageKey</c> statement, queued and grouped with the
    /// other writes, and completes once committed with the new version, or null on a version conflict.
    /// </summary>
    Task<int?> IGrainStateWrites.WriteAsync(StateWrite write) => Queue(new StateRowWrite(write)).Result;

    private T Queue<T>(T write)
        where T : QueuedWrite
    {
        if (!_writer.TryAdd(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The silo's SQLite writer has stopped.");
        }

        return write;
    }

    /// <summary>Runs what is already queued, then stops the writer and closes its connection.</summary>
    public void Dispose() => _writer.Dispose();

    private void WriteGroup(List<QueuedWrite> group)
    {
        if (group.Count == 1)
        {
            WriteAlone(group[0]);
            return;
        }

        SqliteTransaction transaction;
        try
        {
            // BEGIN IMMEDIATE: take the write lock up front (waiting up to busy_timeout for another process), so no
            // statement of the group fails for want of it half-way.
            transaction = _prepared.Connection.BeginTransaction(deferred: false);
        }
        catch (Exception error)
        {
            // The lock did not come: running the writes one by one would wait for it once per write.
            FailAll(group, error);
            return;
        }

        using (transaction)
        {
            try
            {
                foreach (var write in group)
                {
                    write.Run(_prepared, transaction);
                }
            }
            catch (Exception)
            {
                // A write of the group failed: roll the group back and run each write alone, so the one that
                // failed fails only its own caller.
                RollBack(transaction);
                foreach (var write in group)
                {
                    WriteAlone(write);
                }

                return;
            }

            try
            {
                transaction.Commit();
            }
            catch (Exception error)
            {
                // Nothing of the group was written.
                RollBack(transaction);
                FailAll(group, error);
                return;
            }
        }

        foreach (var write in group)
        {
            write.Complete();
        }
    }

    private void RollBack(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (Exception)
        {
            // SQLite may have rolled back already; a fresh connection leaves nothing behind either way.
            _prepared.Reset();
        }
    }

    private void FailAll(List<QueuedWrite> group, Exception error)
    {
        _prepared.Reset();
        foreach (var write in group)
        {
            write.Fail(error);
        }
    }

    private void WriteAlone(QueuedWrite write)
    {
        try
        {
            write.Run(_prepared, transaction: null);
            write.Complete();
        }
        catch (Exception error)
        {
            _prepared.Reset();
            write.Fail(error);
        }
    }

    /// <summary>The writer's own connection and the statements prepared on it, opened on first use.</summary>
    private sealed class PreparedStatements(string connectionString) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
        private SqliteConnection? _connection;
        private SqliteStateWriteStatement? _stateWrite;

        public SqliteConnection Connection => _connection ??= Open();

        /// <summary>The grain-state write, prepared on first use.</summary>
        public SqliteStateWriteStatement StateWrite => _stateWrite ??= new SqliteStateWriteStatement(Connection);

        public SqliteCommand For(string commandText)
        {
            if (!_commands.TryGetValue(commandText, out var command))
            {
                command = Connection.CreateCommand();
                command.CommandText = commandText;
                _commands.Add(commandText, command);
            }

            return command;
        }

        /// <summary>Drops the connection and its statements; the next write opens a fresh one.</summary>
        public void Reset()
        {
            // Statements first: a connection closed with statements still prepared lingers until they are finalized.
            _stateWrite?.Dispose();
            _stateWrite = null;
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            _connection?.Dispose();
            _connection = null;
        }

        public void Dispose() => Reset();

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            SqliteDataSource.ApplyConnectionSettings(connection);
            return connection;
        }
    }

    /// <summary>A write waiting for the writer: run inside the group's transaction, completed once that commits.</summary>
    private abstract class QueuedWrite
    {
        public abstract void Run(PreparedStatements prepared, SqliteTransaction? transaction);

        /// <summary>Hands the caller what <see cref="Run"/> produced; called once its transaction committed.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    /// <summary>A write the caller made as a command: its text and parameters, answered with its result sets.</summary>
    private sealed class CommandWrite(string commandText, IReadOnlyList<SqliteParameter> parameters) : QueuedWrite
    {
        // Continuations run on the thread pool, never on the writer's thread.
        private readonly TaskCompletionSource<BufferedResults> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private BufferedResults? _results;

        public Task<BufferedResults> Result => _result.Task;

        public override void Run(PreparedStatements prepared, SqliteTransaction? transaction)
        {
            var command = prepared.For(commandText);
            command.Transaction = transaction;
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            try
            {
                using var reader = command.ExecuteReader();
                _results = BufferedResults.ReadAll(reader);
            }
            finally
            {
                command.Parameters.Clear();
                command.Transaction = null;
            }
        }

        public override void Complete() => _result.TrySetResult(_results!);

        public override void Fail(Exception error) => _result.TrySetException(error);
    }

    /// <summary>A grain-state row, bound straight into the prepared write statement.</summary>
    private sealed class StateRowWrite(StateWrite write) : QueuedWrite
    {
        private readonly TaskCompletionSource<int?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int? _version;

        public Task<int?> Result => _result.Task;

        // The statement runs in the transaction the writer's connection has open, if any: it is that connection's.
        public override void Run(PreparedStatements prepared, SqliteTransaction? transaction) => _version = prepared.StateWrite.Run(write);

        public override void Complete() => _result.TrySetResult(_version);

        public override void Fail(Exception error) => _result.TrySetException(error);
    }
}
