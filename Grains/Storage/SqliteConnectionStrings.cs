using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

public static class SqliteConnectionStrings
{
    public const string DefaultDatabaseFile = "storemonitor.db";

    /// <summary>The configured connection string, or a database file in the working directory.</summary>
    public static string OrDefault(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultDatabaseFile}" : connectionString);
        builder.Pooling = true;
        return builder.ToString();
    }
}
