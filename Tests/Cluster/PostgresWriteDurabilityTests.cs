using System.Collections.Concurrent;
using Npgsql;
using Orleans.Storage;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// A grouped grain-state write is acknowledged only once PostgreSQL has committed it: the server killed with SIGKILL
/// fails the writes still waiting, and every write acknowledged before is there after crash recovery.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class PostgresWriteDurabilityTests(DurablePostgres postgres) : IClassFixture<DurablePostgres>
{
    [SkippableFact]
    public async Task A_write_waiting_for_its_commit_fails_when_the_server_is_killed_and_is_not_there_after_restart()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = await postgres.CreateDatabaseAsync("killed_before_commit");
        var grain = GrainId.Create("store", "waiting");
        Task waiting;
        await using (var silo = await StorageSilo.StartPostgresAsync(connectionString))
        {
            await using var tableLock = await StorageTableLock.TakeAsync(connectionString);

            waiting = silo.Storage.WriteStateAsync("store", grain, new GrainState<List<byte>>([7]));
            await Waits.UntilAsync(async () => await StorageTableLock.WaitingAsync(connectionString) >= 1, TimeSpan.FromSeconds(30), "the write to wait on the table lock");
            Assert.False(waiting.IsCompleted);

            await postgres.KillAsync();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => waiting);
            await postgres.StartAgainAsync();
        }

        await using var restarted = await StorageSilo.StartPostgresAsync(connectionString);
        Assert.False((await StoredGrains.ReadAsync(restarted.ProviderAlone, grain)).RecordExists);
    }

    [SkippableFact]
    public async Task Every_write_acknowledged_before_the_server_is_killed_is_there_after_restart()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = await postgres.CreateDatabaseAsync("killed_mid_stream");
        var acknowledged = new ConcurrentDictionary<GrainId, GrainState<List<byte>>>();
        await using (var silo = await StorageSilo.StartPostgresAsync(connectionString))
        {
            // Writers rewrite their grains over and over, as ingestion writes stores, until the server dies under them.
            var writers = Enumerable.Range(0, 64).Select(writer => Task.Run(async () =>
            {
                var grains = Enumerable.Range(0, 20).Select(i => GrainId.Create("store", $"w{writer}-{i}")).ToArray();
                var states = grains.Select(_ => new GrainState<List<byte>>([])).ToArray();
                try
                {
                    for (var round = 0; ; round++)
                    {
                        for (var i = 0; i < grains.Length; i++)
                        {
                            states[i].State = [.. BitConverter.GetBytes(round)];
                            await silo.Storage.WriteStateAsync("store", grains[i], states[i]);
                            acknowledged[grains[i]] = new GrainState<List<byte>>([.. states[i].State!], states[i].ETag);
                        }
                    }
                }
                catch (Exception error) when (error is NpgsqlException or ObjectDisposedException)
                {
                    // The server is gone: whatever was not acknowledged may or may not be there.
                }
            })).ToArray();

            await Waits.UntilAsync(() => acknowledged.Count == 64 * 20 && acknowledged.Values.Sum(state => int.Parse(state.ETag!)) > 20_000, TimeSpan.FromMinutes(2), "20,000 acknowledged writes");
            await postgres.KillAsync();
            await Task.WhenAll(writers);
            await postgres.StartAgainAsync();
        }

        await using var restarted = await StorageSilo.StartPostgresAsync(connectionString);
        foreach (var (grain, written) in acknowledged)
        {
            var read = await StoredGrains.ReadAsync(restarted.ProviderAlone, grain);
            var version = int.Parse(read.ETag!);
            var acknowledgedVersion = int.Parse(written.ETag!);
            // A write in flight when the server died may have committed unacknowledged: then the row is one ahead.
            Assert.True(version == acknowledgedVersion || version == acknowledgedVersion + 1, $"{grain}: version {version}, acknowledged {acknowledgedVersion}");
            if (version == acknowledgedVersion)
            {
                Assert.Equal(written.State, read.State);
            }
        }
    }
}
