using Npgsql;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// Reads a silo's grain states in groups: many of the provider's own <c>ReadFromStorageKey</c> statements in one
/// batch, one round trip. Activating many grains at once (ingestion, a report's fan-out) then costs the server and
/// the silo a fraction of one read each. How groups form and fail: <see cref="StatementGroups{TRequest, TResult}"/>.
/// </summary>
internal sealed class PostgresReadQueue(NpgsqlDataSource source) : StatementGroups<StateKey, StoredState?>(source, "ReadFromStorageKey"), IGrainStateReads
{
    /// <summary>The grain's stored row, or null when it has none.</summary>
    public Task<StoredState?> ReadAsync(StateKey key) => EnqueueAsync(key);

    protected override async Task<StoredState?[]> RunGroupAsync(PositionalStatement statement, IReadOnlyList<StateKey> group)
    {
        await using var connection = await Source.OpenConnectionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var key in group)
        {
            var command = new NpgsqlBatchCommand(statement.Text);
            StateParameters.Add(command.Parameters, statement, key);
            batch.BatchCommands.Add(command);
        }

        var states = new StoredState?[group.Count];
        await using var results = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        for (var i = 0; i < group.Count; i++)
        {
            // At most one row: the key parameters are the table's primary key.
            if (await results.ReadAsync().ConfigureAwait(false))
            {
                states[i] = new StoredState(
                    await results.IsDBNullAsync(0).ConfigureAwait(false) ? null : results.GetFieldValue<byte[]>(0),
                    await results.IsDBNullAsync(1).ConfigureAwait(false) ? null : results.GetInt32(1));
            }

            await results.NextResultAsync().ConfigureAwait(false);
        }

        return states;
    }
}
