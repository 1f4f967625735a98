using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Tests.Support.Postgres;

/// <summary>
/// A silo with Store Monitor's PostgreSQL grain storage and, beside it on the same database, the Orleans ADO.NET
/// provider configured the same way but alone, so a test can hold what one writes against what the other reads.
/// </summary>
public sealed class PostgresStorageSilo : IAsyncDisposable
{
    private const string ProviderAloneName = "provider-alone";

    private readonly IHost _host;

    private PostgresStorageSilo(IHost host) => _host = host;

    /// <summary>The storage every Store Monitor grain persists through.</summary>
    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    /// <summary>The Orleans ADO.NET provider on the same tables, with nothing in front of it.</summary>
    public IGrainStorage ProviderAlone => _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderAloneName);

    public static async Task<PostgresStorageSilo> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var connection = PostgresConnectionStrings.Require(connectionString);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ApiHost.FreePort(), ApiHost.FreePort(), serviceId: "storage-tests", clusterId: "storage-tests");
            silo.AddStoreMonitorGrains(StorageKinds.Postgres, connection);
            silo.AddAdoNetGrainStorage(ProviderAloneName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
                options.Configure<Serializer>((storage, serializer) =>
                {
                    storage.Invariant = PostgresSchema.ProviderInvariant;
                    storage.ConnectionString = connection;
                    storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new PostgresStorageSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
