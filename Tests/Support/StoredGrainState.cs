using Microsoft.Data.Sqlite;

namespace StoreMonitor.Tests.Support;

/// <summary>What the SQLite grain storage holds, read straight from its table: the bytes tests bound or expect gone.</summary>
public static class StoredGrainState
{
    /// <summary>The size of the stored state of the grain with string key <paramref name="grainKey"/> (NULL payload: 0).</summary>
    public static long PayloadBytes(string databasePath, string stateName, string grainKey) =>
        Query(
            databasePath,
            "SELECT coalesce(length(PayloadBinary), 0) FROM OrleansStorage WHERE GrainTypeString = $state AND GrainIdExtensionString = $key",
            ("$state", stateName),
            ("$key", grainKey))
        ?? throw new InvalidOperationException($"no stored {stateName} row for '{grainKey}'");

    /// <summary>How many grains whose key starts with <paramref name="keyPrefix"/> still hold stored state (cleared ones do not).</summary>
    public static long CountWithPayload(string databasePath, string stateName, string keyPrefix) =>
        Query(
            databasePath,
            "SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = $state AND GrainIdExtensionString LIKE $prefix AND PayloadBinary IS NOT NULL",
            ("$state", stateName),
            ("$prefix", keyPrefix + "%"))!.Value;

    /// <summary>
    /// The stored records of the grain with string key <paramref name="grainKey"/> and of the records it keeps under
    /// <c>{key}/…</c>, whatever their state names: how many, the largest payload, and the writes they took (every
    /// write and clear raises a record's version by one, and a new record starts at 1).
    /// </summary>
    public static (long Count, long LargestPayload, long Writes) RecordsOf(string databasePath, string grainKey)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), coalesce(max(length(PayloadBinary)), 0), coalesce(sum(Version), 0) FROM OrleansStorage
            WHERE GrainIdExtensionString = $key OR GrainIdExtensionString LIKE $children
            """;
        command.Parameters.AddWithValue("$key", grainKey);
        command.Parameters.AddWithValue("$children", grainKey + "/%");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static long? Query(string databasePath, string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar() is long result ? result : null;
    }

    private static SqliteConnection Open(string databasePath)
    {
        // Unpooled: a pooled connection would keep the test's database file open after the test.
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
