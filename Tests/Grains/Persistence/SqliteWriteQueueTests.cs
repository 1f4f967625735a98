using System.Data.Common;
using Microsoft.Data.Sqlite;
using StoreMonitor.Grains.Storage;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>
/// The silo's one SQLite writer, on a real database: a write completes only once committed, writes that queue
/// together commit together yet fail alone, reads do not wait behind writes, and stopping the writer runs what it
/// had accepted.
/// </summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private const string Insert = "INSERT INTO Item (Id, Name) VALUES (@Id, @Name) RETURNING Id AS NewId;";
    private const string Count = "SELECT COUNT(*) FROM Item;";

    private readonly TempDirectory _directory = new();
    private readonly string _connectionString;

    public SqliteWriteQueueTests()
    {
        _connectionString = SqliteConnectionStrings.OrDefault($"Data Source={_directory.File("queue.db")}");
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE Item (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL);");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Each_write_returns_its_own_rows_and_is_committed_when_it_completes()
    {
        using var queue = NewQueue();

        var writes = Enumerable.Range(1, 200).Select(async id =>
        {
            var results = await queue.WriteAsync(Insert, Parameters(id, $"item {id}"));
            // Committed: a connection of its own, opened now, sees the row.
            using var connection = Open();
            Assert.Equal(1L, Scalar(connection, $"SELECT COUNT(*) FROM Item WHERE Id = {id};"));
            return (id, results);
        });

        foreach (var (id, results) in await Task.WhenAll(writes))
        {
            using var reader = results.CreateReader();
            Assert.True(reader.Read());
            Assert.Equal((long)id, reader.GetValue(reader.GetOrdinal("NewId")));
            Assert.False(reader.Read());
        }

        using var check = Open();
        Assert.Equal(200L, Scalar(check, Count));
    }

    [Fact]
    public async Task A_write_that_fails_in_a_group_fails_only_its_caller()
    {
        using var queue = NewQueue();
        await queue.WriteAsync(Insert, Parameters(7, "first seven"));

        // Hold the write lock from another connection so the writes below queue up and run as one group.
        var (blocker, release) = HoldWriteLock();
        var first = queue.WriteAsync(Insert, Parameters(100, "taken while the lock is held"));
        var writes = Enumerable.Range(1, 20).Select(id => queue.WriteAsync(Insert, Parameters(id, $"item {id}"))).ToArray();
        release();
        blocker.Dispose();

        await first;
        var duplicate = writes[6]; // Id 7 is taken: a primary-key violation.
        var error = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        foreach (var write in writes.Where(write => write != duplicate))
        {
            await write;
        }

        using var connection = Open();
        Assert.Equal(21L, Scalar(connection, Count)); // 7, 100, and 1 to 20 less the duplicate 7
        Assert.Equal("first seven", Scalar(connection, "SELECT Name FROM Item WHERE Id = 7;"));
    }

    [Fact]
    public async Task Reads_through_the_data_source_do_not_wait_behind_queued_writes()
    {
        await using var source = SqliteDataSource.WithQueuedWrites(_connectionString, new HashSet<string>(StringComparer.Ordinal) { Insert });
        var (blocker, release) = HoldWriteLock();
        try
        {
            await using var connection = await source.OpenConnectionAsync();
            // Through DbCommand, as the Orleans provider calls it.
            await using var write = connection.CreateCommand();
            write.CommandText = Insert;
            write.Parameters.AddRange(Parameters(1, "queued"));
            var queued = write.ExecuteReaderAsync();

            await using var read = connection.CreateCommand();
            read.CommandText = Count;
            var count = await read.ExecuteScalarAsync().WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(0L, count);
            Assert.False(queued.IsCompleted, "the write ran although another connection held the write lock");
            release();
            await queued.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            release();
            blocker.Dispose();
        }
    }

    [Fact]
    public async Task Stopping_the_queue_runs_what_it_accepted_and_refuses_later_writes()
    {
        var queue = NewQueue();
        var (blocker, release) = HoldWriteLock();
        var accepted = Enumerable.Range(1, 10).Select(id => queue.WriteAsync(Insert, Parameters(id, $"item {id}"))).ToArray();

        var stopping = Task.Run(queue.Dispose);
        release();
        blocker.Dispose();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        await Task.WhenAll(accepted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.WriteAsync(Insert, Parameters(11, "late")));
        using var connection = Open();
        Assert.Equal(10L, Scalar(connection, Count));
    }

    [Fact]
    public async Task The_queue_runs_only_the_statements_it_was_given()
    {
        using var queue = NewQueue();

        Assert.True(queue.Handles(Insert));
        Assert.False(queue.Handles(Count));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.WriteAsync(Count, []));
    }

    private SqliteWriteQueue NewQueue() => new(_connectionString, new HashSet<string>(StringComparer.Ordinal) { Insert });

    private static SqliteParameter[] Parameters(long id, string name) => [new("Id", id), new("Name", name)];

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqliteDataSource.ApplyConnectionSettings(connection);
        return connection;
    }

    /// <summary>Takes SQLite's write lock on a connection of its own until released.</summary>
    private (IDisposable Connection, Action Release) HoldWriteLock()
    {
        var connection = Open();
        var transaction = connection.BeginTransaction(deferred: false);
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                transaction.Rollback();
                transaction.Dispose();
            }
        }

        return (connection, Release);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
