using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// Commits a silo's grain-state writes to PostgreSQL in groups: the writes that queue up while a group runs go
/// together as one <see cref="NpgsqlBatch"/> (one round trip) in one transaction (one WAL flush), where the provider
/// alone pays a round trip and a commit for each. Each write runs the provider's own <c>WriteToStorageKey</c>
/// statement, read from <c>OrleansQuery</c> as the provider reads it, so its optimistic concurrency is unchanged:
/// <list type="bullet">
/// <item>a write completes only once the transaction holding it has committed, so a grain still sees its write as
/// durable before it goes on (<c>synchronous_commit</c> stays as the server has it);</item>
/// <item>a version conflict is a write that matched no row: it fails only its own caller, the rest of its group
/// commits;</item>
/// <item>if the server refuses a statement of a group or its commit (a deadlock between two silos' groups, say), the
/// group is rolled back and each of its writes runs again alone, so a bad write fails only its own caller;</item>
/// <item>if the connection or the server fails, every write of the group fails with that error: none is
/// acknowledged, whether or not the commit reached the disk.</item>
/// </list>
/// A few groups run at once on their own connections, so the server can use more than one core.
/// </summary>
internal sealed class PostgresWriteQueue : IAsyncDisposable
{
    // Large enough to amortise the round trip and the commit, small enough that a group holds its row locks for
    // milliseconds and its message stays far below any size limit.
    internal const int MostWritesPerGroup = 256;

    /// <summary>
    /// Groups written at once, each on its own connection: while one group's statements run on the server, the next
    /// one gathers and can run on another core.
    /// </summary>
    internal const int ConcurrentGroups = 2;

    private const string WriteQueryKey = "WriteToStorageKey";

    private readonly NpgsqlDataSource _source;
    private readonly Channel<QueuedWrite> _pending = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _writers;
    private readonly SemaphoreSlim _queryLoad = new(1, 1);
    private string? _writeStatement;

    /// <param name="connectionString">The database written to, as the provider is configured with it.</param>
    public PostgresWriteQueue(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        _writers = [.. Enumerable.Range(0, ConcurrentGroups).Select(_ => Task.Run(WriteUntilCompletedAsync))];
    }

    /// <summary>
    /// Queues <paramref name="write"/> and completes, once its group has committed, with the grain's new version, or
    /// null when the version did not match (a conflict, which wrote nothing).
    /// </summary>
    public Task<int?> WriteAsync(StateWrite write)
    {
        var queued = new QueuedWrite(write);
        if (!_pending.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(PostgresWriteQueue), "The silo's PostgreSQL grain-state writer has stopped.");
        }

        return queued.Result;
    }

    /// <summary>Runs what is already queued, then stops the writers and closes their connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pending.Writer.TryComplete())
        {
            await Task.WhenAll(_writers).ConfigureAwait(false);
            await _source.DisposeAsync().ConfigureAwait(false);
            _queryLoad.Dispose();
        }
    }

    private async Task WriteUntilCompletedAsync()
    {
        var group = new List<QueuedWrite>(MostWritesPerGroup);
        var reader = _pending.Reader;
        // False once the queue is completed and empty: every write accepted before has run.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < MostWritesPerGroup && reader.TryRead(out var write))
            {
                group.Add(write);
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync(group).ConfigureAwait(false);
                group.Clear();
            }
        }
    }

    private async Task WriteGroupAsync(List<QueuedWrite> group)
    {
        int?[] versions;
        try
        {
            versions = await CommitAsync(group).ConfigureAwait(false);
        }
        catch (PostgresException) when (group.Count > 1)
        {
            // The server refused a statement of the group (a deadlock between two silos' groups, a bad write), or its
            // commit, and rolled the whole group back: run each write alone, so the one that failed fails only its own
            // caller.
            foreach (var write in group)
            {
                await WriteAloneAsync(write).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception error)
        {
            // The connection or the server failed: whether the group committed is unknown, so none of it is acknowledged.
            foreach (var write in group)
            {
                write.Fail(error);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Complete(versions[i]);
        }
    }

    private async Task WriteAloneAsync(QueuedWrite write)
    {
        try
        {
            write.Complete((await CommitAsync([write]).ConfigureAwait(false))[0]);
        }
        catch (Exception error)
        {
            write.Fail(error);
        }
    }

    private async Task<int?[]> CommitAsync(List<QueuedWrite> group)
    {
        var statement = await WriteStatementAsync().ConfigureAwait(false);
        await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var queued in group)
        {
            batch.BatchCommands.Add(CommandFor(statement, queued.Write));
        }

        var versions = new int?[group.Count];
        await using (var results = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            for (var i = 0; i < group.Count; i++)
            {
                // One row with the new version when the write applied; none when its version did not match.
                versions[i] = await results.ReadAsync().ConfigureAwait(false) && !await results.IsDBNullAsync(0).ConfigureAwait(false)
                    ? results.GetInt32(0)
                    : null;
                await results.NextResultAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return versions;
    }

    private static NpgsqlBatchCommand CommandFor(string statement, StateWrite write)
    {
        var command = new NpgsqlBatchCommand(statement);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<int>("GrainIdHash", NpgsqlDbType.Integer) { TypedValue = write.GrainIdHash });
        parameters.Add(new NpgsqlParameter<long>("GrainIdN0", NpgsqlDbType.Bigint) { TypedValue = write.GrainIdN0 });
        parameters.Add(new NpgsqlParameter<long>("GrainIdN1", NpgsqlDbType.Bigint) { TypedValue = write.GrainIdN1 });
        parameters.Add(new NpgsqlParameter<int>("GrainTypeHash", NpgsqlDbType.Integer) { TypedValue = write.GrainTypeHash });
        parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Text) { Value = write.GrainTypeString });
        parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = (object?)write.GrainIdExtensionString ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = write.ServiceId });
        parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)write.ExpectedVersion ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter<byte[]>("PayloadBinary", NpgsqlDbType.Bytea) { TypedValue = write.Payload });
        return command;
    }

    // The provider's statement, from where the provider takes it: a deployment that replaced it is followed here too.
    private async ValueTask<string> WriteStatementAsync()
    {
        if (_writeStatement is { } loaded)
        {
            return loaded;
        }

        await _queryLoad.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_writeStatement is null)
            {
                await using var command = _source.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key");
                command.Parameters.AddWithValue("key", WriteQueryKey);
                _writeStatement = await command.ExecuteScalarAsync().ConfigureAwait(false) as string
                    ?? throw new InvalidOperationException($"OrleansQuery has no {WriteQueryKey} row; the grain-storage schema is not installed.");
            }

            return _writeStatement;
        }
        finally
        {
            _queryLoad.Release();
        }
    }

    private sealed class QueuedWrite(StateWrite write)
    {
        // Continuations run on the thread pool, never on a writer's loop.
        private readonly TaskCompletionSource<int?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StateWrite Write { get; } = write;

        public Task<int?> Result => _result.Task;

        public void Complete(int? version) => _result.TrySetResult(version);

        public void Fail(Exception error) => _result.TrySetException(error);
    }
}
