using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Reads a silo's grain states from SQLite in groups, on one connection of its own with the provider's
/// <c>ReadFromStorageKey</c> statement prepared once. The provider alone opens a pooled connection, prepares the
/// statement and maps the row through its generic reader for every read: activating a partition's stores at once (a
/// cold report, the first ingestion after a restart) paid that thousands of times over. Reads that queue up while a
/// group runs go together in one read transaction.
/// <para>
/// A read sees every write committed before it was queued: a group's transaction starts after its reads were queued,
/// and a write is acknowledged only once committed (<see cref="SqliteWriteQueue"/>). In WAL mode readers and the
/// writer do not block each other. A read that fails fails only its own caller; the connection is then opened afresh.
/// </para>
/// </summary>
internal sealed class SqliteReadQueue : IGrainStateReads, IDisposable
{
    // As many as queue up while one group runs, up to a bound that keeps one transaction short.
    private const int MostReadsPerGroup = 256;

    private readonly string _connectionString;
    private readonly GroupingThread<QueuedRead> _reader;
    private PreparedRead? _prepared;

    public SqliteReadQueue(string connectionString)
    {
        _connectionString = connectionString;
        _reader = new GroupingThread<QueuedRead>("SQLite grain-state reader", MostReadsPerGroup, ReadGroup, Reset);
    }

    public Task<StoredState?> ReadAsync(StateKey key)
    {
        var read = new QueuedRead(key);
        if (!_reader.TryAdd(read))
        {
            throw new ObjectDisposedException(nameof(SqliteReadQueue), "The silo's SQLite reader has stopped.");
        }

        return read.Result;
    }

    /// <summary>Runs what is already queued, then stops the reader and closes its connection.</summary>
    public void Dispose() => _reader.Dispose();

    private void ReadGroup(List<QueuedRead> group)
    {
        PreparedRead prepared;
        SqliteTransaction transaction;
        try
        {
            prepared = _prepared ??= new PreparedRead(_connectionString);
            transaction = prepared.Connection.BeginTransaction(deferred: true);
        }
        catch (Exception error)
        {
            Reset();
            foreach (var read in group)
            {
                read.Fail(error);
            }

            return;
        }

        var failed = false;
        using (transaction)
        {
            foreach (var read in group)
            {
                try
                {
                    read.Complete(prepared.Read(read.Key));
                }
                catch (Exception error)
                {
                    failed = true;
                    read.Fail(error);
                }
            }

            try
            {
                // A read-only transaction: ending it only lets the next group see newer commits.
                transaction.Commit();
            }
            catch (Exception)
            {
                failed = true;
            }
        }

        if (failed)
        {
            Reset();
        }
    }

    private void Reset()
    {
        _prepared?.Dispose();
        _prepared = null;
    }

    /// <summary>The reader's own connection with the read statement prepared on it, a key bound in place.</summary>
    private sealed class PreparedRead : IDisposable
    {
        private readonly SqliteStateStatement _read;

        public PreparedRead(string connectionString)
        {
            Connection = new SqliteConnection(connectionString);
            Connection.Open();
            SqliteDataSource.ApplyConnectionSettings(Connection);
            _read = SqliteStateStatement.PrepareAll(Connection, SqliteGrainStorageSchema.ReadStatement).Single();
        }

        public SqliteConnection Connection { get; }

        /// <summary>The row of <paramref name="key"/>, read in the connection's open transaction.</summary>
        public StoredState? Read(StateKey key)
        {
            try
            {
                _read.Bind(key);
                // At most one row: the key columns are the table's unique index.
                if (!_read.Step())
                {
                    return null;
                }

                return new StoredState(_read.BlobAt(0), _read.Int32At(1));
            }
            finally
            {
                _read.Reset();
            }
        }

        public void Dispose()
        {
            // The statement first: a connection closed with statements still prepared lingers until they are finalized.
            _read.Dispose();
            Connection.Dispose();
        }
    }

    private sealed class QueuedRead(StateKey key)
    {
        // Continuations run on the thread pool, never on the reader's thread.
        private readonly TaskCompletionSource<StoredState?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StateKey Key { get; } = key;

        public Task<StoredState?> Result => _result.Task;

        public void Complete(StoredState? state) => _result.TrySetResult(state);

        public void Fail(Exception error) => _result.TrySetException(error);
    }
}
