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
    public async Task A_grouped_write_is_the_row_the_provider_reads_updates_and_clears(string keyKind)
    {
        var grain = StoredGrains.Of(keyKind);

        var written = new GrainState<List<byte>>([1, 2, 3]);
        await _silo.Storage.WriteStateAsync("store", grain, written);
        var read = await StoredGrains.ReadAsync(_silo.ProviderAlone, grain);
        Assert.Equal([1, 2, 3], read.State);
        Assert.Equal("1", written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);

        // The provider updates the grouped write's row, and a grouped write updates the provider's.
        read.State = [4];
        await _silo.ProviderAlone.WriteStateAsync("store", grain, read);
        written.State = [5];
        await Assert.ThrowsAsync<InconsistentStateException>(() => _silo.Storage.WriteStateAsync("store", grain, written));
        var current = await StoredGrains.ReadAsync(_silo.Storage, grain);
        Assert.Equal([4], current.State);
        current.State = [6];
        await _silo.Storage.WriteStateAsync("store", grain, current);
        Assert.Equal([6], (await StoredGrains.ReadAsync(_silo.ProviderAlone, grain)).State);
        Assert.Equal("3", current.ETag);

        // A cleared row is written again from its cleared version, as the provider writes it.
        await _silo.ProviderAlone.ClearStateAsync("store", grain, current);
        var cleared = await StoredGrains.ReadAsync(_silo.Storage, grain);
        Assert.False(cleared.RecordExists);
        cleared.State = [7];
        await _silo.Storage.WriteStateAsync("store", grain, cleared);
        Assert.Equal("5", cleared.ETag);
        Assert.Equal([7], (await StoredGrains.ReadAsync(_silo.ProviderAlone, grain)).State);
        Assert.Equal(1L, Scalar($"SELECT COUNT(*) FROM OrleansStorage WHERE Version = 5;"));
    }

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
    public async Task A_version_conflict_in_a_group_fails_only_its_own_write()
    {
        var contested = GrainId.Create("store", "contested");
        var stale = new GrainState<List<byte>>([1]);
        await _silo.Storage.WriteStateAsync("store", contested, stale);
        var current = await StoredGrains.ReadAsync(_silo.Storage, contested);
        current.State = [2];
        await _silo.Storage.WriteStateAsync("store", contested, current);

        var others = Others(100);
        Task conflicting = Task.CompletedTask;
        Task[] writes = [];
        await InOneGroupAsync(() =>
        {
            stale.State = [3];
            conflicting = _silo.Storage.WriteStateAsync("store", contested, stale);
            writes = [.. others.Select(other => _silo.Storage.WriteStateAsync("store", other.Grain, other.State))];
        });

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        await Task.WhenAll(writes);
        Assert.Equal([2], (await StoredGrains.ReadAsync(_silo.ProviderAlone, contested)).State);
        foreach (var (grain, state) in others)
        {
            var read = await StoredGrains.ReadAsync(_silo.ProviderAlone, grain);
            Assert.Equal(state.State, read.State);
            Assert.Equal("1", read.ETag);
        }
    }

    [Fact]
    public async Task A_write_the_database_refuses_in_a_group_fails_only_its_own_caller()
    {
        Execute("""
            CREATE TRIGGER RefuseOne BEFORE INSERT ON OrleansStorage WHEN NEW.GrainIdExtensionString = 'refused'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """);
        var others = Others(50);
        Task refused = Task.CompletedTask;
        Task[] writes = [];
        await InOneGroupAsync(() =>
        {
            refused = _silo.Storage.WriteStateAsync("store", GrainId.Create("store", "refused"), new GrainState<List<byte>>([9]));
            writes = [.. others.Select(other => _silo.Storage.WriteStateAsync("store", other.Grain, other.State))];
        });

        var error = await Assert.ThrowsAsync<SqliteException>(() => refused);
        Assert.Contains("refused by the test", error.Message, StringComparison.Ordinal);
        await Task.WhenAll(writes);
        foreach (var (grain, state) in others)
        {
            Assert.Equal(state.State, (await StoredGrains.ReadAsync(_silo.ProviderAlone, grain)).State);
        }

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

    private static (GrainId Grain, GrainState<List<byte>> State)[] Others(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (GrainId.Create("store", $"other-{i}"), new GrainState<List<byte>>([(byte)i])))];

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
