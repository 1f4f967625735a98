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

        await GroupedWriteChecks.AGroupedWriteIsTheProvidersRowAsync(silo, StoredGrains.Of(keyKind));
    }

    [SkippableFact]
    public Task A_version_conflict_in_a_group_fails_only_its_own_write() =>
        CheckInOneGroupAsync("conflict_in_group", GroupedWriteChecks.AVersionConflictInAGroupFailsOnlyItsOwnWriteAsync);

    [SkippableFact]
    public Task Writes_of_one_grain_in_a_group_apply_in_order() =>
        CheckInOneGroupAsync("one_grain_twice_in_group", GroupedWriteChecks.WritesOfOneGrainInAGroupApplyInOrderAsync);

    [SkippableFact]
    public Task A_write_the_server_refuses_in_a_group_fails_only_its_own_caller() =>
        CheckInOneGroupAsync("refused_in_group", async (silo, inOneGroup) =>
        {
            // GrainTypeString is varchar(512): the server refuses a longer state name.
            var error = await GroupedWriteChecks.AWriteTheDatabaseRefusesFailsOnlyItsOwnCallerAsync<PostgresException>(
                silo,
                inOneGroup,
                storage => storage.WriteStateAsync(new string('s', 600), GrainId.Create("store", "refused"), new GrainState<List<byte>>([9])));

            Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, error.SqlState);
        });

    /// <summary>Runs <paramref name="check"/> on a silo of its own database, with writes it makes together committed as one group.</summary>
    private async Task CheckInOneGroupAsync(string database, Func<StorageSilo, Func<Action, Task>, Task> check)
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = await postgres.CreateDatabaseAsync(database);
        await using var silo = await StorageSilo.StartPostgresAsync(connectionString);

        await check(silo, queue => InOneGroupAsync(connectionString, silo.Storage, queue));
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
