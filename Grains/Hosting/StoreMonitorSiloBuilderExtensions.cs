using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StoreMonitor.Grains.Diagnostics;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Live;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Grains.Storage;
using StoreMonitor.Grains.Storage.Postgres;
using StoreMonitor.Grains.Webhooks;

namespace StoreMonitor.Grains.Hosting;

public static class StoreMonitorSiloBuilderExtensions
{
    /// <summary>Everything a silo needs to host Store Monitor grains, with grain state in the chosen storage.</summary>
    public static ISiloBuilder AddStoreMonitorGrains(this ISiloBuilder silo, string storageKind, string? connectionString)
    {
        silo.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        silo.Services.TryAddSingleton<StoreGrainReferences>();
        // Live events: who listens (the API hosts' observers, the sinks), refreshed by a watcher that also wakes the boards.
        silo.Services.TryAddSingleton<LiveAudience>();
        silo.Services.AddHostedService<LiveAudienceWatcher>();
        // The first report after a start finds its machinery warm (StoreMonitor:WarmUpReport).
        silo.Services.AddSingleton<ReportWarmUp>();
        silo.Services.AddHostedService(services => services.GetRequiredService<ReportWarmUp>());
        // Hosts register the bound settings (AddStoreMonitorOptions); a bare test silo gets the defaults.
        silo.Services.AddOptions<StoreMonitorSiloOptions>();
        switch (storageKind.Trim().ToLowerInvariant())
        {
            case StorageKinds.Memory:
                silo.AddMemoryGrainStorage(StorageNames.Grains);
                silo.UseInMemoryReminderService();
                break;
            case StorageKinds.Sqlite:
                silo.AddSqliteGrainStorage(SqliteConnectionStrings.OrDefault(connectionString));
                // One process (or one machine): a reminder only has to outlive an activation, not a silo.
                silo.UseInMemoryReminderService();
                break;
            case StorageKinds.Postgres:
                silo.AddPostgresGrainStorageAndReminders(PostgresConnectionStrings.Require(connectionString));
                break;
            default:
                throw new OptionsValidationException(
                    StoreMonitorSiloOptions.SectionName,
                    typeof(StoreMonitorSiloOptions),
                    [$"StoreMonitor:Storage '{storageKind}' is not supported; use one of: {string.Join(", ", StorageKinds.All)}."]);
        }

        silo.Services.AddHostedService<ClusterViewMetrics>();

        // Stores live beside their index partition, so a report's fan-out stays inside each silo.
        silo.Services.AddSingleton<LocalPartitions>();
        silo.AddPlacementDirector<PartitionAffinityPlacement, PartitionAffinityPlacementDirector>();

        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = CallTimeouts.Response);

        // A running report keeps a reminder so that, if its silo dies, another silo wakes it without anyone polling.
        silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = ReportReminder.Period);

        // Deliveries are sent from the silo that holds their queue, so they outlive the API host that took the event.
        silo.AddStoreMonitorWebhooks();
        return silo;
    }

    // The provider empties a cleared state's row rather than deleting it: the silo deletes those rows once they are old.
    private static void AddClearedStatePurge(this ISiloBuilder silo, IClearedStateRows rows)
    {
        silo.Services.AddSingleton(rows);
        silo.Services.AddHostedService<ClearedStatePurge>();
    }

    private static void AddPostgresGrainStorageAndReminders(this ISiloBuilder silo, string connectionString)
    {
        // Every silo applies the schema at start; PostgresSchema serialises concurrent starts itself.
        PostgresSchema.EnsureCreated(connectionString);
        silo.AddAdoNetGrainStorage(StorageNames.Grains, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer>((storage, serializer) =>
            {
                storage.Invariant = PostgresSchema.ProviderInvariant;
                storage.ConnectionString = connectionString;
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        // The provider starts up and clears; its reads and writes run in groups (one pair of queues per silo, owned
        // by its container, so stopping the silo runs what they hold). Registered after the provider, this storage is
        // the one grains get under the name.
        silo.Services.AddKeyedSingleton(StorageNames.Grains, (_, _) => new PostgresStateQueues(connectionString));
        silo.AddClearedStatePurge(new PostgresClearedStateRows(connectionString));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (services, name) =>
        {
            var queues = services.GetRequiredKeyedService<PostgresStateQueues>(name);
            return GroupedGrainStorage.Create(services, (string)name!, queues.Reads, queues.Writes);
        });
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = PostgresSchema.ProviderInvariant;
            reminders.ConnectionString = connectionString;
        });
    }

    private static void AddSqliteGrainStorage(this ISiloBuilder silo, string connectionString)
    {
        // The schema must exist before the provider reads its queries at silo start.
        SqliteGrainStorageSchema.EnsureCreated(connectionString);
        // One source per silo, owned by its container: disposing the silo stops the write queue after what it holds.
        silo.Services.AddKeyedSingleton(StorageNames.Grains, (_, _) => SqliteDataSource.ForGrainStorage(connectionString));
        silo.AddAdoNetGrainStorage(StorageNames.Grains, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer, IServiceProvider>((storage, serializer, services) =>
            {
                storage.Invariant = SqliteGrainStorageSchema.ProviderInvariant;
                storage.DataSource = services.GetRequiredKeyedService<SqliteDataSource>(StorageNames.Grains);
                // Binary, not the default JSON-with-type-names: a store's polls are already compact bytes.
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        // The provider starts up and clears (through the source's write queue); its reads run in groups on a connection
        // of their own, and its writes go into the same write queue with their values bound straight into the prepared
        // statement. Registered after the provider, this storage is the one grains get under the name.
        silo.Services.AddKeyedSingleton(StorageNames.Grains, (_, _) => new SqliteReadQueue(connectionString));
        silo.AddClearedStatePurge(new SqliteClearedStateRows(connectionString));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (services, name) =>
            GroupedGrainStorage.Create(
                services,
                (string)name!,
                services.GetRequiredKeyedService<SqliteReadQueue>(name),
                services.GetRequiredKeyedService<SqliteDataSource>(name).Writes));
    }
}
