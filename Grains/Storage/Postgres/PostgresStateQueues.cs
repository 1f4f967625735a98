using Npgsql;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// A silo's grouped reads and writes of grain state, on one data source. Owned by the silo's container: stopping the
/// silo runs what the queues hold, then closes their connections.
/// </summary>
internal sealed class PostgresStateQueues : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgresStateQueues(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        Reads = new PostgresReadQueue(_source);
        Writes = new PostgresWriteQueue(_source);
    }

    public PostgresReadQueue Reads { get; }

    public PostgresWriteQueue Writes { get; }

    public async ValueTask DisposeAsync()
    {
        await Reads.DisposeAsync();
        await Writes.DisposeAsync();
        await _source.DisposeAsync();
    }
}
