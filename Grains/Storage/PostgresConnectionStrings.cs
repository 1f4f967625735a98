using Npgsql;

namespace StoreMonitor.Grains.Storage;

public static class PostgresConnectionStrings
{
    /// <summary>
    /// The configured connection string with the session time zone pinned to UTC, so a time Orleans passes without
    /// a zone is never read in the server's local zone. Fails clearly when none is configured.
    /// </summary>
    public static string Require(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "StoreMonitor:Storage=postgres needs ConnectionStrings:StoreMonitor, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timezone ??= "UTC";
        return builder.ConnectionString;
    }
}
