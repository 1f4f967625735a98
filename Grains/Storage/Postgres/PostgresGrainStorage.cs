using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// Grain storage on PostgreSQL: the Orleans ADO.NET provider, with its writes committed in groups.
/// <see cref="AdoNetGrainStorage"/> reads, clears and starts up as it always does; a write is the provider's own
/// statement with the provider's own key columns, hashes and serializer, but queued on
/// <see cref="PostgresWriteQueue"/> so that many commit in one transaction. (The provider cannot be handed a data
/// source that groups its writes, as on SQLite: it accepts only data sources of Npgsql's own sealed connection type.)
/// A write that matches no version fails with the provider's <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed class PostgresGrainStorage(
    AdoNetGrainStorage provider,
    PostgresWriteQueue writes,
    AdoNetGrainStorageOptions options,
    string name,
    string serviceId) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The storage named <paramref name="name"/>: the provider configured under that name, with grouped writes.</summary>
    public static PostgresGrainStorage Create(IServiceProvider services, string name) =>
        new(
            AdoNetGrainStorageFactory.Create(services, name),
            services.GetRequiredKeyedService<PostgresWriteQueue>(name),
            services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name),
            name,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            // A generic type's name, which the provider normalises first; no Store Monitor state is named so.
            await provider.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var key = AdoNetGrainKey.Of(grainId);
        var hasher = options.HashPicker.PickHasher(serviceId, name, stateName, grainId, grainState)!;
        var expected = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        var write = new StateWrite(
            GrainIdHash: hasher.Hash(key.HashBytes()),
            GrainIdN0: key.N0,
            GrainIdN1: key.N1,
            GrainTypeHash: hasher.Hash(Encoding.UTF8.GetBytes(stateName)),
            GrainTypeString: stateName,
            GrainIdExtensionString: key.Extension,
            ServiceId: serviceId,
            ExpectedVersion: expected,
            Payload: options.GrainStorageSerializer.Serialize(grainState.State).ToArray());
        var version = await writes.WriteAsync(write);
        if (version is null || version == expected)
        {
            // Worded as the provider words it.
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={key} ETag={grainState.ETag}.");
        }

        grainState.ETag = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public void Participate(ISiloLifecycle lifecycle) => provider.Participate(lifecycle);
}
