using Npgsql;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// <see cref="IClearedStateRows"/> on PostgreSQL, the rows found through the partial index
/// <c>IX_OrleansStorage_Cleared</c> that holds only emptied rows. Every silo purges; the statements are idempotent.
/// </summary>
internal sealed class PostgresClearedStateRows(string connectionString) : IClearedStateRows
{
    public async Task<int> DeleteAsync(string serviceId, IReadOnlyList<string> stateNames, TimeSpan keptFor, IReadOnlyList<string> keptKeys, int atMost, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            DELETE FROM OrleansStorage WHERE ctid IN (
                SELECT ctid FROM OrleansStorage
                WHERE PayloadBinary IS NULL AND ModifiedOn < now() - @age
                    AND ServiceId = @service AND GrainTypeString = ANY(@names)
                    AND NOT (GrainIdExtensionString = ANY(@kept))
                    AND NOT (GrainIdExtensionString LIKE ANY(@keptBelow))
                LIMIT {atMost});
            """, connection);
        command.Parameters.AddWithValue("age", keptFor);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("names", stateNames.ToArray());
        command.Parameters.AddWithValue("kept", keptKeys.ToArray());
        command.Parameters.AddWithValue("keptBelow", keptKeys.Select(key => key + "/%").ToArray());

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
