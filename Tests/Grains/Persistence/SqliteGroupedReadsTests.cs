using Orleans.Storage;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Persistence;

/// <summary>
/// Grain-state reads on SQLite run in groups on a connection of their own, and stay the Orleans ADO.NET provider's
/// reads: whatever the provider alone wrote, updated or cleared, a grouped read returns as the provider's own read does.
/// </summary>
/// <remarks>
/// Each test reads and writes grains of its own (one per key kind; the many-reads test's thousands of others), so the
/// class shares one silo (<see cref="SqliteSilo"/>).
/// </remarks>
public sealed class SqliteGroupedReadsTests(SqliteGroupedReadsTests.SqliteSilo fixture) : IClassFixture<SqliteGroupedReadsTests.SqliteSilo>
{
    private StorageSilo Silo => fixture.Silo;

    [Theory]
    [MemberData(nameof(StoredGrains.KeyKinds), MemberType = typeof(StoredGrains))]
    public async Task A_grouped_read_is_the_providers_read_of_a_row_never_written_written_updated_and_cleared(string keyKind)
    {
        Assert.IsType<StoreMonitor.Grains.Storage.GroupedGrainStorage>(Silo.Storage);
        var grain = StoredGrains.Of(keyKind);
        await AssertSameReadAsync(grain, recordExists: false, etag: null);

        var state = new GrainState<List<byte>>([1, 2, 3]);
        await Silo.ProviderAlone.WriteStateAsync("store", grain, state);
        await AssertSameReadAsync(grain, recordExists: true, etag: "1");

        state.State = [4];
        await Silo.ProviderAlone.WriteStateAsync("store", grain, state);
        await AssertSameReadAsync(grain, recordExists: true, etag: "2");

        // A cleared row has no payload but keeps counting versions.
        await Silo.ProviderAlone.ClearStateAsync("store", grain, state);
        await AssertSameReadAsync(grain, recordExists: false, etag: "3");
    }

    [Fact]
    public async Task Many_reads_at_once_each_get_their_own_grains_row()
    {
        var grains = Enumerable.Range(0, 3000).Select(i => (Grain: GrainId.Create("store", $"store-{i}"), Bytes: new List<byte>(BitConverter.GetBytes(i)))).ToArray();
        await Task.WhenAll(grains.Where((_, i) => i % 3 != 0).Select(g => Silo.Storage.WriteStateAsync("store", g.Grain, new GrainState<List<byte>>(g.Bytes))));

        var reads = await Task.WhenAll(grains.Select(g => StoredGrains.ReadAsync(Silo.Storage, g.Grain)));

        for (var i = 0; i < grains.Length; i++)
        {
            // Every third grain was never written: a fresh state, as the provider reads it.
            Assert.Equal(i % 3 != 0, reads[i].RecordExists);
            Assert.Equal(i % 3 != 0 ? grains[i].Bytes : [], reads[i].State);
            Assert.Equal(i % 3 != 0 ? "1" : null, reads[i].ETag);
        }
    }

    private async Task AssertSameReadAsync(GrainId grain, bool recordExists, string? etag)
    {
        var grouped = await StoredGrains.ReadAsync(Silo.Storage, grain);
        var providers = await StoredGrains.ReadAsync(Silo.ProviderAlone, grain);
        Assert.Equal(providers.State, grouped.State);
        Assert.Equal(providers.ETag, grouped.ETag);
        Assert.Equal(providers.RecordExists, grouped.RecordExists);
        Assert.Equal(recordExists, grouped.RecordExists);
        Assert.Equal(etag, grouped.ETag);
    }

    /// <summary>A storage silo on a SQLite file of its own, started once for the class.</summary>
    public sealed class SqliteSilo : IAsyncLifetime
    {
        private readonly TempDirectory _database = new();

        public StorageSilo Silo { get; private set; } = null!;

        public async Task InitializeAsync() => Silo = await StorageSilo.StartSqliteAsync(Path.Combine(_database.Path, "grains.db"));

        public async Task DisposeAsync()
        {
            await Silo.DisposeAsync();
            _database.Dispose();
        }
    }
}
