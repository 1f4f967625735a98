using Npgsql;

namespace StoreMonitor.Grains.Storage;

public static class PostgresConnectionStrings
{
    /// <summary>
    /// The configured connection string with the session time zone pinned to UTC, so a time Orleans passes without
    /// a zone is never read in the server's local zone, and automatic statement preparation on unless configured.
    /// Fails clearly when none is configured.
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
        if (builder.MaxAutoPrepare == 0)
        {
            // The providers run the same few statements thousands of times: let Npgsql prepare them once per
            // connection instead of having the server parse and plan each one again.
            builder.MaxAutoPrepare = 32;
        }

        return builder.ConnectionString;
    }
}
