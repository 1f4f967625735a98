using Microsoft.Data.Sqlite;
using Orleans.Storage;
using StoreMonitor.Grains.Storage;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>
/// Grain-state writes on SQLite are bound straight into the writer's prepared statement and committed in groups, and
/// stay the Orleans ADO.NET provider's writes: the same rows, the same versions, each caller with its own outcome.
/// </summary>
public sealed class SqliteGroupedWritesTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private StorageSilo _silo = null!;

    private string DatabasePath => Path.Combine(_directory.Path, "grains.db");

    public async Task InitializeAsync() => _silo = await StorageSilo.StartSqliteAsync(DatabasePath);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(StoredGrains.KeyKinds), MemberType = typeof(StoredGrains))]
    public Task A_grouped_write_is_the_row_the_provider_reads_updates_and_clears(string keyKind) =>
        GroupedWriteChecks.AGroupedWriteIsTheProvidersRowAsync(_silo, StoredGrains.Of(keyKind));

    [Fact]
    public async Task A_grouped_write_stores_the_bytes_the_provider_stores()
    {
        var state = new GrainState<Dictionary<string, List<long>>>(new() { ["polls"] = [.. Enumerable.Range(0, 500).Select(i => (long)i * 36_000_000_000)], ["hours"] = [1, 2] });
        await _silo.Storage.WriteStateAsync("store", GrainId.Create("store", "grouped"), state);
        await _silo.ProviderAlone.WriteStateAsync("store", GrainId.Create("store", "provider"), new GrainState<Dictionary<string, List<long>>>(state.State));

        var grouped = (byte[])Scalar("SELECT PayloadBinary FROM OrleansStorage WHERE GrainIdExtensionString = 'grouped';")!;
        var provider = (byte[])Scalar("SELECT PayloadBinary FROM OrleansStorage WHERE GrainIdExtensionString = 'provider';")!;
        Assert.True(grouped.Length > 500);
        Assert.Equal(provider, grouped);
    }

    [Fact]
    public Task A_version_conflict_in_a_group_fails_only_its_own_write() =>
        GroupedWriteChecks.AVersionConflictInAGroupFailsOnlyItsOwnWriteAsync(_silo, InOneGroupAsync);

    [Fact]
    public Task Writes_of_one_grain_in_a_group_apply_in_order() =>
        GroupedWriteChecks.WritesOfOneGrainInAGroupApplyInOrderAsync(_silo, InOneGroupAsync);

    [Fact]
    public async Task A_write_the_database_refuses_in_a_group_fails_only_its_own_caller()
    {
        Execute("""
            CREATE TRIGGER RefuseOne BEFORE INSERT ON OrleansStorage WHEN NEW.GrainIdExtensionString = 'refused'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """);

        var error = await GroupedWriteChecks.AWriteTheDatabaseRefusesFailsOnlyItsOwnCallerAsync<SqliteException>(
            _silo, InOneGroupAsync, storage => storage.WriteStateAsync("store", GrainId.Create("store", "refused"), new GrainState<List<byte>>([9])));

        Assert.Contains("refused by the test", error.Message, StringComparison.Ordinal);
        // The writer goes on after the failure, on a fresh connection.
        var later = new GrainState<List<byte>>([10]);
        await _silo.Storage.WriteStateAsync("store", GrainId.Create("store", "later"), later);
        Assert.Equal("1", later.ETag);
    }

    [Fact]
    public async Task A_write_completes_only_once_committed()
    {
        var lockHolder = HoldWriteLock();
        var write = _silo.Storage.WriteStateAsync("store", GrainId.Create("store", "waits"), new GrainState<List<byte>>([1]));
        try
        {
            // SQLite's busy timeout is 10 s: well before it, the write must still be waiting for the lock.
            await Assert.ThrowsAsync<TimeoutException>(() => write.WaitAsync(TimeSpan.FromMilliseconds(500)));
        }
        finally
        {
            lockHolder.Dispose();
        }

        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString = 'waits';"));
    }

    /// <summary>
    /// Holds SQLite's write lock while the writer takes a first write and blocks on it, so the writes
    /// <paramref name="queue"/> makes wait together and commit as one group once the lock is let go.
    /// </summary>
    private async Task InOneGroupAsync(Action queue)
    {
        var lockHolder = HoldWriteLock();
        Task first;
        try
        {
            first = _silo.Storage.WriteStateAsync("store", GrainId.Create("store", "first"), new GrainState<List<byte>>([0]));
            queue();
        }
        finally
        {
            lockHolder.Dispose();
        }

        await first;
    }

    /// <summary>Takes SQLite's write lock on a connection of its own until disposed.</summary>
    private SqliteConnection HoldWriteLock()
    {
        var connection = Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        // Disposing the connection rolls the open transaction back and lets the lock go.
        return connection;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        SqliteDataSource.ApplyConnectionSettings(connection);
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
