using Npgsql;
using StoreMonitor.Grains.Storage;
using StoreMonitor.Tests.Support;
using StoreMonitor.Tests.Support.Postgres;

namespace StoreMonitor.Tests.Cluster;

[Trait("Category", TestCategories.Slow)]
public sealed class PostgresSchemaTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    // The keys Orleans 10.4.2's ADO.NET providers refuse to start without.
    private static readonly string[] RequiredKeys =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [SkippableFact]
    public async Task Silos_starting_at_the_same_moment_all_apply_the_schema_and_every_query_is_installed()
    {
        PostgresInstallation.RequireOrSkip(postgres.UnavailableReason);
        var connectionString = PostgresConnectionStrings.Require(await postgres.CreateDatabaseAsync("concurrent_schema"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgresSchema.EnsureCreated(connectionString))));
        PostgresSchema.EnsureCreated(connectionString);

        var installed = await QueryKeysAsync(connectionString);
        Assert.Empty(RequiredKeys.Except(installed));
        Assert.Equal(PostgresSchema.Queries.Keys.Order(), installed.Order());
    }

    private static async Task<List<string>> QueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
