using Npgsql;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// Commits a silo's grain-state writes in groups: many of the provider's own <c>WriteToStorageKey</c> statements in
/// one batch and one transaction (one round trip, one WAL flush). Its optimistic concurrency is unchanged:
/// <list type="bullet">
/// <item>a write completes only once the transaction holding it has committed, so a grain still sees its write as
/// durable before it goes on (<c>synchronous_commit</c> stays as the server has it);</item>
/// <item>a version conflict is a write that matched no row: it fails only its own caller, the rest of its group
/// commits.</item>
/// </list>
/// How groups form and fail: <see cref="StatementGroups{TRequest, TResult}"/>.
/// </summary>
internal sealed class PostgresWriteQueue(NpgsqlDataSource source) : StatementGroups<StateWrite, int?>(source, "WriteToStorageKey"), IGrainStateWrites
{
    /// <summary>
    /// Queues <paramref name="write"/> and completes, once its group has committed, with the grain's new version, or
    /// null when the version did not match (a conflict, which wrote nothing).
    /// </summary>
    public Task<int?> WriteAsync(StateWrite write) => EnqueueAsync(write);

    protected override async Task<int?[]> RunGroupAsync(PositionalStatement statement, IReadOnlyList<StateWrite> group)
    {
        await using var connection = await Source.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in group)
        {
            var command = new NpgsqlBatchCommand(statement.Text);
            StateParameters.Add(command.Parameters, statement, write.Key, write);
            batch.BatchCommands.Add(command);
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
}
