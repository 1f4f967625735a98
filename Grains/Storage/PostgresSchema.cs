using System.Reflection;
using Npgsql;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Creates the tables and installs the queries the Orleans ADO.NET providers (grain storage, clustering, reminders)
/// run on PostgreSQL. The providers load their SQL from <c>OrleansQuery</c> when they start, so these are the only
/// statements they execute. Safe to run from several silos at the same moment.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The invariant under which the Orleans providers load Npgsql's factory.</summary>
    public const string ProviderInvariant = "Npgsql";

    // Any fixed 64-bit number, the same in every process: the key of the advisory lock that serialises schema set-up.
    private const long SchemaLockKey = 0x53746f72654d6f6e; // "StoreMon"

    private const string ResourcePrefix = "StoreMonitor.Postgres.";
    private const string QueryResourcePrefix = ResourcePrefix + "Queries.";

    /// <summary>The OrleansQuery rows: key and SQL text, from the embedded <c>Queries/*.sql</c> files.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = LoadQueries();

    /// <summary>
    /// Creates what is missing and rewrites every query row, in one transaction holding an advisory lock: concurrent
    /// <c>CREATE TABLE IF NOT EXISTS</c> can otherwise collide, and a half-written query set must never be visible.
    /// </summary>
    public static void EnsureCreated(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey});");
        Execute(connection, transaction, ReadResource(ResourcePrefix + "Tables.sql"));
        foreach (var (key, text) in Queries)
        {
            // Always rewrite: an older build's SQL must not outlive an upgrade.
            using var upsert = new NpgsqlCommand(
                "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;",
                connection,
                transaction);
            upsert.Parameters.AddWithValue("key", key);
            upsert.Parameters.AddWithValue("text", text);
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static Dictionary<string, string> LoadQueries() =>
        typeof(PostgresSchema).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(QueryResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(name => name[QueryResourcePrefix.Length..^".sql".Length], ReadResource, StringComparer.Ordinal);

    private static string ReadResource(string name)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {typeof(PostgresSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
