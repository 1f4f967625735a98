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
public sealed class SqliteWriteQueue : IDisposable
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

        var write = new QueuedWrite(commandText, parameters);
        if (!_writer.TryAdd(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The silo's SQLite writer has stopped.");
        }

        return write.Result;
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

        var results = new BufferedResults[group.Count];
        using (transaction)
        {
            try
            {
                for (var i = 0; i < group.Count; i++)
                {
                    results[i] = Run(group[i], transaction);
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

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Complete(results[i]);
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
            write.Complete(Run(write, transaction: null));
        }
        catch (Exception error)
        {
            _prepared.Reset();
            write.Fail(error);
        }
    }

    private BufferedResults Run(QueuedWrite write, SqliteTransaction? transaction)
    {
        var command = _prepared.For(write.CommandText);
        command.Transaction = transaction;
        foreach (var parameter in write.Parameters)
        {
            command.Parameters.Add(parameter);
        }

        try
        {
            using var reader = command.ExecuteReader();
            return BufferedResults.ReadAll(reader);
        }
        finally
        {
            command.Parameters.Clear();
            command.Transaction = null;
        }
    }

    /// <summary>The writer's own connection and the statements prepared on it, opened on first use.</summary>
    private sealed class PreparedStatements(string connectionString) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
        private SqliteConnection? _connection;

        public SqliteConnection Connection => _connection ??= Open();

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

    private sealed class QueuedWrite(string commandText, IReadOnlyList<SqliteParameter> parameters)
    {
        // Continuations run on the thread pool, never on the writer's thread.
        private readonly TaskCompletionSource<BufferedResults> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string CommandText { get; } = commandText;

        public IReadOnlyList<SqliteParameter> Parameters { get; } = parameters;

        public Task<BufferedResults> Result => _result.Task;

        public void Complete(BufferedResults results) => _result.TrySetResult(results);

        public void Fail(Exception error) => _result.TrySetException(error);
    }
}
