using Microsoft.Data.Sqlite;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// The provider's <c>WriteToStorageKey</c> statements prepared once on the SQLite writer's connection and run with a
/// <see cref="StateWrite"/>'s values bound in place. The SQL is the provider's own (<see cref="SqliteGrainStorageSchema"/>),
/// so the rows, versions and conflicts are the ones the provider writes and reads.
/// </summary>
internal sealed class SqliteStateWriteStatement(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStateStatement[] _statements = SqliteStateStatement.PrepareAll(connection, SqliteGrainStorageSchema.WriteStatement);

    /// <summary>
    /// Runs the write in the connection's current transaction (or in SQLite's own, outside one): the grain's new
    /// version, or null when its expected version did not match and nothing was written.
    /// </summary>
    public int? Run(StateWrite write)
    {
        int? version = null;
        foreach (var statement in _statements)
        {
            try
            {
                statement.Bind(write.Key, write.Payload, write.ExpectedVersion);
                // Both statements run, as the provider's batch runs; at most one of them returns the new version.
                while (statement.Step())
                {
                    version ??= statement.Int32At(0);
                }
            }
            finally
            {
                statement.Reset();
            }
        }

        return version;
    }

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }
    }
}
