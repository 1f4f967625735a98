using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// A silo with Store Monitor's grain storage (SQLite or PostgreSQL) and, beside it on the same database, the Orleans
/// ADO.NET provider configured the same way but alone, so a test can hold what one writes against what the other reads.
/// </summary>
public sealed class StorageSilo : IAsyncDisposable
{
    private const string ProviderAloneName = "provider-alone";

    private readonly IHost _host;

    private StorageSilo(IHost host) => _host = host;

    /// <summary>The storage every Store Monitor grain persists through.</summary>
    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    /// <summary>The service id its grain state is stored under.</summary>
    public const string ServiceId = "storage-tests";

    /// <summary>The silo's services (what its storage kind registered beside the storage).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The Orleans ADO.NET provider on the same tables, with nothing in front of it.</summary>
    public IGrainStorage ProviderAlone => _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderAloneName);

    public static Task<StorageSilo> StartPostgresAsync(string connectionString)
    {
        var connection = PostgresConnectionStrings.Require(connectionString);
        return StartAsync(StorageKinds.Postgres, connection, storage =>
        {
            storage.Invariant = PostgresSchema.ProviderInvariant;
            storage.ConnectionString = connection;
        });
    }

    public static Task<StorageSilo> StartSqliteAsync(string databasePath)
    {
        var connection = $"Data Source={databasePath}";
        return StartAsync(StorageKinds.Sqlite, connection, storage =>
        {
            storage.Invariant = SqliteGrainStorageSchema.ProviderInvariant;
            // Tuned connections that run every statement themselves: no queue in front of the provider.
            storage.DataSource = new SqliteDataSource(connection);
        });
    }

    private static async Task<StorageSilo> StartAsync(string storageKind, string connectionString, Action<AdoNetGrainStorageOptions> configureProviderAlone)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ApiHost.FreePort(), ApiHost.FreePort(), serviceId: ServiceId, clusterId: ServiceId);
            silo.AddStoreMonitorGrains(storageKind, connectionString);
            silo.AddAdoNetGrainStorage(ProviderAloneName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<Serializer>((storage, serializer) =>
                {
                    configureProviderAlone(storage);
                    storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new StorageSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        // A silo's start reads its live boards and webhook router at once, so its pool grows to dozens of connections;
        // a class of tests each on a database of its own would otherwise keep every pool open against one test server.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
