using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// <see cref="IClearedStateRows"/> on SQLite, on a connection of its own. The partial index
/// <c>IX_OrleansStorage_Cleared</c> holds only emptied rows, so finding them reads no state.
/// </summary>
internal sealed class SqliteClearedStateRows(string connectionString) : IClearedStateRows
{
    public async Task<int> DeleteAsync(string serviceId, IReadOnlyList<string> stateNames, TimeSpan keptFor, IReadOnlyList<string> keptKeys, int atMost, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = string.Join(", ", stateNames.Select((_, index) => $"$name{index}"));
        var kept = string.Concat(keptKeys.Select((_, index) => $" AND GrainIdExtensionString <> $kept{index} AND GrainIdExtensionString NOT LIKE $keptBelow{index}"));
        command.CommandText = $"""
            DELETE FROM OrleansStorage WHERE rowid IN (
                SELECT rowid FROM OrleansStorage
                WHERE PayloadBinary IS NULL AND ModifiedOn < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $age)
                    AND ServiceId = $service AND GrainTypeString IN ({names}){kept}
                LIMIT {atMost});
            """;
        command.Parameters.AddWithValue("$age", string.Create(CultureInfo.InvariantCulture, $"-{keptFor.TotalSeconds:F3} seconds"));
        command.Parameters.AddWithValue("$service", serviceId);
        for (var index = 0; index < stateNames.Count; index++)
        {
            command.Parameters.AddWithValue($"$name{index}", stateNames[index]);
        }

        for (var index = 0; index < keptKeys.Count; index++)
        {
            command.Parameters.AddWithValue($"$kept{index}", keptKeys[index]);
            command.Parameters.AddWithValue($"$keptBelow{index}", keptKeys[index] + "/%");
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
