using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StoreMonitor.Grains.Storage;

namespace StoreMonitor.Grains.Hosting;

public static class StoreMonitorSiloBuilderExtensions
{
    /// <summary>Everything a silo needs to host Store Monitor grains, with grain state in the chosen storage.</summary>
    public static ISiloBuilder AddStoreMonitorGrains(this ISiloBuilder silo, string storageKind, string? connectionString)
    {
        silo.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        // Hosts register the bound settings (AddStoreMonitorOptions); a bare test silo gets the defaults.
        silo.Services.AddOptions<StoreMonitorSiloOptions>();
        switch (storageKind.Trim().ToLowerInvariant())
        {
            case StorageKinds.Memory:
                silo.AddMemoryGrainStorage(StorageNames.Grains);
                break;
            case StorageKinds.Sqlite:
                silo.AddSqliteGrainStorage(SqliteConnectionStrings.OrDefault(connectionString));
                break;
            default:
                throw new OptionsValidationException(
                    StoreMonitorSiloOptions.SectionName,
                    typeof(StoreMonitorSiloOptions),
                    [$"StoreMonitor:Storage '{storageKind}' is not supported; use one of: {string.Join(", ", StorageKinds.All)}."]);
        }

        return silo;
    }

    private static void AddSqliteGrainStorage(this ISiloBuilder silo, string connectionString)
    {
        // The schema must exist before the provider reads its queries at silo start.
        SqliteGrainStorageSchema.EnsureCreated(connectionString);
        silo.AddAdoNetGrainStorage(StorageNames.Grains, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer>((storage, serializer) =>
            {
                storage.Invariant = SqliteGrainStorageSchema.ProviderInvariant;
                storage.DataSource = new SqliteDataSource(connectionString);
                // Binary, not the default JSON-with-type-names: a store's polls are already compact bytes.
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
    }
}
