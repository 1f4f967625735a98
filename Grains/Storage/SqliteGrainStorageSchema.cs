using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Creates the tables and queries the Orleans ADO.NET grain storage provider expects, when the database is new.
/// The provider loads its SQL from <c>OrleansQuery</c> at silo start, so these are the only statements it runs.
/// </summary>
public static class SqliteGrainStorageSchema
{
    /// <summary>
    /// The invariant under which the Orleans 10 provider loads Microsoft.Data.Sqlite's factory. Its own table of
    /// invariants does not know "Microsoft.Data.Sqlite", and registering that name does not change it.
    /// </summary>
    public const string ProviderInvariant = "System.Data.SQLite";

    // The identity of a grain-state row. A NULL extension is stored as '' so a unique index can cover it:
    // SQLite treats NULLs as distinct, which would let two rows claim one grain.
    private const string RowIdentity = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
        AND ServiceId = @ServiceId
        """;

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey TEXT NOT NULL PRIMARY KEY,
            QueryText TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS OrleansStorage (
            GrainIdHash INTEGER NOT NULL,
            GrainIdN0 INTEGER NOT NULL,
            GrainIdN1 INTEGER NOT NULL,
            GrainTypeHash INTEGER NOT NULL,
            GrainTypeString TEXT NOT NULL,
            GrainIdExtensionString TEXT NOT NULL DEFAULT '',
            ServiceId TEXT NOT NULL,
            PayloadBinary BLOB NULL,
            ModifiedOn TEXT NOT NULL,
            Version INTEGER NOT NULL);

        CREATE UNIQUE INDEX IF NOT EXISTS IX_OrleansStorage_Grain ON OrleansStorage (
            GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId);

        -- Only the emptied rows of cleared states, which the silo deletes once they are old (ClearedStatePurge).
        CREATE INDEX IF NOT EXISTS IX_OrleansStorage_Cleared ON OrleansStorage (ModifiedOn) WHERE PayloadBinary IS NULL;
        """;

    private const string ReadQuery = $"""
        SELECT PayloadBinary, Version FROM OrleansStorage WHERE {RowIdentity};
        """;

    // Optimistic concurrency in two statements, with no explicit transaction: an explicit BEGIN inside the
    // command survives a "database is locked" failure on the pooled connection and poisons it. Exactly one of
    // the two can return a row: the update when the caller's version matches, the insert when the grain has
    // never been written. No row means a version conflict, which the provider reports as such.
    private const string WriteQuery = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, ModifiedOn = {Now}, Version = Version + 1
        WHERE {RowIdentity} AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;

        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
            COALESCE(@GrainIdExtensionString, ''), @ServiceId, @PayloadBinary, {Now}, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version AS NewGrainStateVersion;
        """;

    private const string ClearQuery = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, ModifiedOn = {Now}, Version = Version + 1
        WHERE {RowIdentity} AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;

        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
            COALESCE(@GrainIdExtensionString, ''), @ServiceId, NULL, {Now}, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version AS NewGrainStateVersion;
        """;

    /// <summary>The statement that reads a grain's state: the one the silo's read queue runs.</summary>
    public static string ReadStatement => ReadQuery;

    /// <summary>The statement that writes a grain's state: the one the silo's write queue binds a state's row into.</summary>
    public static string WriteStatement => WriteQuery;

    /// <summary>The statements that change grain state: the ones the silo's write queue runs.</summary>
    public static IReadOnlySet<string> WriteStatements { get; } = new HashSet<string>(StringComparer.Ordinal) { WriteQuery, ClearQuery };

    private static readonly (string Key, string Text)[] Queries =
    [
        ("ReadFromStorageKey", ReadQuery),
        ("WriteToStorageKey", WriteQuery),
        ("ClearStorageKey", ClearQuery),
    ];

    /// <summary>Creates the database file, switches it to WAL, and installs tables and queries. Safe to repeat.</summary>
    public static void EnsureCreated(string connectionString)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, Tables, transaction);
        foreach (var (key, text) in Queries)
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            // Always rewrite: an older build's SQL must not outlive an upgrade.
            upsert.CommandText = "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ($key, $text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;";
            upsert.Parameters.AddWithValue("$key", key);
            upsert.Parameters.AddWithValue("$text", text);
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
