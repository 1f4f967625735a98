using Npgsql;
using Orleans.Storage;
using StoreMonitor.Grains.Storage.Postgres;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// Grain-state writes on PostgreSQL commit in groups, and stay the Orleans ADO.NET provider's writes: the same rows,
/// the same versions, each caller with its own outcome.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class PostgresGroupedWritesTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    [SkippableTheory]
    [MemberData(nameof(StoredGrains.KeyKinds), MemberType = typeof(StoredGrains))]
    public async Task A_grouped_write_is_the_row_the_provider_reads_updates_and_clears(string keyKind)
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        await using var silo = await StorageSilo.StartPostgresAsync(await postgres.CreateDatabaseAsync($"same_rows_{keyKind.Replace('-', '_')}"));
        var grain = StoredGrains.Of(keyKind);

        var written = new GrainState<List<byte>>([1, 2, 3]);
        await silo.Storage.WriteStateAsync("store", grain, written);
        var read = await StoredGrains.ReadAsync(silo.ProviderAlone, grain);
        Assert.Equal([1, 2, 3], read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);

        // The provider updates the grouped write's row, and a grouped write updates the provider's.
        read.State = [4];
        await silo.ProviderAlone.WriteStateAsync("store", grain, read);
        written.State = [5];
        await Assert.ThrowsAsync<InconsistentStateException>(() => silo.Storage.WriteStateAsync("store", grain, written));
        var current = await StoredGrains.ReadAsync(silo.Storage, grain);
        Assert.Equal([4], current.State);
        current.State = [6];
        await silo.Storage.WriteStateAsync("store", grain, current);
        Assert.Equal([6], (await StoredGrains.ReadAsync(silo.ProviderAlone, grain)).State);
        Assert.Equal("3", current.ETag);

        await silo.ProviderAlone.ClearStateAsync("store", grain, current);
        Assert.False((await StoredGrains.ReadAsync(silo.Storage, grain)).RecordExists);
    }

    [SkippableFact]
    public async Task A_version_conflict_in_a_group_fails_only_its_own_write()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = await postgres.CreateDatabaseAsync("conflict_in_group");
        await using var silo = await StorageSilo.StartPostgresAsync(connectionString);
        var contested = GrainId.Create("store", "contested");
        var stale = new GrainState<List<byte>>([1]);
        await silo.Storage.WriteStateAsync("store", contested, stale);
        var current = await StoredGrains.ReadAsync(silo.Storage, contested);
        current.State = [2];
        await silo.Storage.WriteStateAsync("store", contested, current);

        var others = Enumerable.Range(0, 100).Select(i => (Grain: GrainId.Create("store", $"other-{i}"), State: new GrainState<List<byte>>([(byte)i]))).ToArray();
        Task conflicting = Task.CompletedTask;
        Task[] writes = [];
        await InOneGroupAsync(connectionString, silo.Storage, () =>
        {
            stale.State = [3];
            conflicting = silo.Storage.WriteStateAsync("store", contested, stale);
            writes = [.. others.Select(other => silo.Storage.WriteStateAsync("store", other.Grain, other.State))];
        });

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        await Task.WhenAll(writes);
        Assert.Equal([2], (await StoredGrains.ReadAsync(silo.ProviderAlone, contested)).State);
        foreach (var (grain, state) in others)
        {
            var read = await StoredGrains.ReadAsync(silo.ProviderAlone, grain);
            Assert.Equal(state.State, read.State);
            Assert.Equal("1", read.ETag);
        }
    }

    [SkippableFact]
    public async Task A_write_the_server_refuses_in_a_group_fails_only_its_own_caller()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = await postgres.CreateDatabaseAsync("refused_in_group");
        await using var silo = await StorageSilo.StartPostgresAsync(connectionString);
        var others = Enumerable.Range(0, 50).Select(i => (Grain: GrainId.Create("store", $"other-{i}"), State: new GrainState<List<byte>>([(byte)i]))).ToArray();
        Task refused = Task.CompletedTask;
        Task[] writes = [];
        await InOneGroupAsync(connectionString, silo.Storage, () =>
        {
            // GrainTypeString is varchar(512): the server refuses a longer state name.
            refused = silo.Storage.WriteStateAsync(new string('s', 600), GrainId.Create("store", "refused"), new GrainState<List<byte>>([9]));
            writes = [.. others.Select(other => silo.Storage.WriteStateAsync("store", other.Grain, other.State))];
        });

        var error = await Assert.ThrowsAsync<PostgresException>(() => refused);
        Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, error.SqlState);
        await Task.WhenAll(writes);
        foreach (var (grain, state) in others)
        {
            Assert.Equal(state.State, (await StoredGrains.ReadAsync(silo.ProviderAlone, grain)).State);
        }
    }

    /// <summary>
    /// Holds the table's write lock while the queue's writers each take a first write and block on it, so the writes
    /// <paramref name="queue"/> makes wait together and commit as one group once the lock is let go.
    /// </summary>
    private static async Task InOneGroupAsync(string connectionString, IGrainStorage storage, Action queue)
    {
        await using var tableLock = await StorageTableLock.TakeAsync(connectionString);

        // One write at a time, so each writer takes one.
        var firsts = new List<Task>();
        for (var writer = 1; writer <= PostgresWriteQueue.ConcurrentGroups; writer++)
        {
            firsts.Add(storage.WriteStateAsync("store", GrainId.Create("store", $"first-{writer}"), new GrainState<List<byte>>([0])));
            await Waits.UntilAsync(async () => await StorageTableLock.WaitingAsync(connectionString) >= writer, TimeSpan.FromSeconds(30), $"writer {writer} to block on the table lock");
        }

        queue();
        await tableLock.ReleaseAsync();
        await Task.WhenAll(firsts);
    }
}
