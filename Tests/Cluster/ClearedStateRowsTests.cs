using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Grains.Storage;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Cluster;

/// <summary>
/// The purge of emptied rows on SQLite and PostgreSQL: it deletes the rows of the states it is given once they have
/// been empty long enough, and keeps every row with state, every emptied row of other states (a deleted store's),
/// and the start-up warm-up report's. A deleted row reads as never written (no version), so a new activation
/// writes it afresh.
/// </summary>
[Trait("Category", TestCategories.Slow)]
public sealed class ClearedStateRowsTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task On_sqlite_only_the_aged_emptied_rows_of_the_purged_states_go()
    {
        await using var silo = await StorageSilo.StartSqliteAsync(_directory.File("grains.db"));
        await OnlyTheAgedEmptiedRowsOfThePurgedStatesGoAsync(silo);
    }

    [SkippableFact]
    public async Task On_postgres_only_the_aged_emptied_rows_of_the_purged_states_go()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        await using var silo = await StorageSilo.StartPostgresAsync(await postgres.CreateDatabaseAsync("cleared_state_purge"));
        await OnlyTheAgedEmptiedRowsOfThePurgedStatesGoAsync(silo);
    }

    [Fact]
    public async Task On_sqlite_rows_emptied_long_ago_go_a_statement_at_a_time_until_none_is_left()
    {
        var database = _directory.File("grains.db");
        await using var silo = await StorageSilo.StartSqliteAsync(database);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await AllEmptiedRowsGoAsync(silo, connection, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            SELECT i, 0, 0, 1, 'report-part', 'old/' || i, @service, NULL, '2020-01-01T00:00:00.000Z', 2 FROM n;
            """);
    }

    [SkippableFact]
    public async Task On_postgres_rows_emptied_long_ago_go_a_statement_at_a_time_until_none_is_left()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = await postgres.CreateDatabaseAsync("cleared_state_batches");
        await using var silo = await StorageSilo.StartPostgresAsync(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await AllEmptiedRowsGoAsync(silo, connection, """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            SELECT i, 0, 0, 1, 'report-part', 'old/' || i, @service, NULL, timestamptz '2020-01-01 00:00:00+00', 2
            FROM generate_series(1, @count) AS i;
            """);
    }

    /// <summary>
    /// Puts two and a half statements' worth of rows emptied in 2020 in the table (as the provider leaves them),
    /// then purges with the default week: every one goes, and nothing else.
    /// </summary>
    private static async Task AllEmptiedRowsGoAsync(StorageSilo silo, DbConnection connection, string insert)
    {
        const int count = (2 * ClearedStatePurge.RowsPerStatement) + (ClearedStatePurge.RowsPerStatement / 2);
        await silo.Storage.WriteStateAsync(StateNames.ReportPart, GrainId.Create("any", "kept/0/0"), new GrainState<List<byte>>([1]));
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = insert;
            AddParameter(command, "count", count);
            AddParameter(command, "service", StorageSilo.ServiceId);
            Assert.Equal(count, await command.ExecuteNonQueryAsync());
        }

        var deleted = await ClearedStatePurge.DeleteAgedAsync(silo.Services.GetRequiredService<IClearedStateRows>(), StorageSilo.ServiceId, new ClearedStateOptions().KeptFor, CancellationToken.None);

        Assert.Equal(count, deleted);
        await using var left = connection.CreateCommand();
        left.CommandText = "SELECT count(*) FROM OrleansStorage";
        Assert.Equal(1L, Convert.ToInt64(await left.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task OnlyTheAgedEmptiedRowsOfThePurgedStatesGoAsync(StorageSilo silo)
    {
        var storage = silo.Storage;
        (string State, string Key)[] purged = [(StateNames.Report, "expired"), (StateNames.ReportPart, "expired/0/0"), (StateNames.IngestionRun, "forgotten-run")];
        (string State, string Key)[] keptEmpty = [(StateNames.Store, "deleted-store"), (StateNames.Report, ReportWarmUp.ReportId), (StateNames.ReportPart, ReportWarmUp.ReportId + "/0/0")];
        foreach (var (state, key) in purged.Concat(keptEmpty))
        {
            var written = new GrainState<List<byte>>([1, 2, 3]);
            await storage.WriteStateAsync(state, GrainId.Create("any", key), written);
            await storage.ClearStateAsync(state, GrainId.Create("any", key), written);
        }

        await storage.WriteStateAsync(StateNames.Report, GrainId.Create("any", "listed"), new GrainState<List<byte>>([4]));
        var rows = silo.Services.GetRequiredService<IClearedStateRows>();

        var tooYoung = await ClearedStatePurge.DeleteAgedAsync(rows, StorageSilo.ServiceId, TimeSpan.FromHours(1), CancellationToken.None);
        var aged = await ClearedStatePurge.DeleteAgedAsync(rows, StorageSilo.ServiceId, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(0, tooYoung);
        Assert.Equal(purged.Length, aged);
        foreach (var (state, key) in purged)
        {
            Assert.Null((await ReadAsync(storage, state, key)).ETag);
        }

        foreach (var (state, key) in keptEmpty)
        {
            var kept = await ReadAsync(storage, state, key);
            Assert.False(kept.RecordExists);
            Assert.NotNull(kept.ETag);
        }

        Assert.Equal([4], (await ReadAsync(storage, StateNames.Report, "listed")).State);

        // A purged row is written afresh, as by a new activation.
        await storage.WriteStateAsync(StateNames.Report, GrainId.Create("any", "expired"), new GrainState<List<byte>>([5]));
        Assert.Equal([5], (await ReadAsync(storage, StateNames.Report, "expired")).State);
    }

    private static async Task<GrainState<List<byte>>> ReadAsync(IGrainStorage storage, string state, string key)
    {
        var read = new GrainState<List<byte>>([]);
        await storage.ReadStateAsync(state, GrainId.Create("any", key), read);
        return read;
    }
}
