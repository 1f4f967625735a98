using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// Grain storage on PostgreSQL: the Orleans ADO.NET provider, with its reads and writes run in groups.
/// <see cref="AdoNetGrainStorage"/> starts up (loading its queries) and clears as it always does; a read or a write
/// is the provider's own statement with the provider's own key columns, hashes, serializer and version checks, queued
/// on <see cref="PostgresStateQueues"/> so that many share a round trip and writes a commit. (The provider cannot be
/// handed a data source that groups its statements, as on SQLite: it accepts only data sources of Npgsql's own sealed
/// connection type.) <c>PostgresGroupedWritesTests</c> hold the two to each other on a real database.
/// </summary>
internal sealed class PostgresGrainStorage(
    AdoNetGrainStorage provider,
    PostgresStateQueues queues,
    AdoNetGrainStorageOptions options,
    IActivatorProvider activators,
    string name,
    string serviceId) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The storage named <paramref name="name"/>: the provider configured under that name, with grouped statements.</summary>
    public static PostgresGrainStorage Create(IServiceProvider services, string name) =>
        new(
            AdoNetGrainStorageFactory.Create(services, name),
            services.GetRequiredKeyedService<PostgresStateQueues>(name),
            services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name),
            services.GetRequiredService<IActivatorProvider>(),
            name,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (IsGenericTypeName(stateName))
        {
            await provider.ReadStateAsync(stateName, grainId, grainState);
            return;
        }

        var stored = await queues.Reads.ReadAsync(KeyOf(stateName, grainId, grainState));
        // As the provider reads a row: no payload (a cleared state) gives a fresh state but keeps the version.
        grainState.State = stored?.Payload is { } payload
            ? options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload))
            : activators.GetActivator<T>().Create();
        grainState.ETag = stored?.Version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored?.Payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (IsGenericTypeName(stateName))
        {
            await provider.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var expected = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var payload = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var version = await queues.Writes.WriteAsync(new StateWrite(KeyOf(stateName, grainId, grainState), expected, payload));
        if (version is null || version == expected)
        {
            // Worded as the provider words it.
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={AdoNetGrainKey.Of(grainId)} ETag={grainState.ETag}.");
        }

        grainState.ETag = version.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => provider.Participate(lifecycle);

    // A generic type's name, which the provider normalises first; no Store Monitor state is named so.
    private static bool IsGenericTypeName(string stateName) => stateName.Contains('`', StringComparison.Ordinal);

    private StateKey KeyOf<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = AdoNetGrainKey.Of(grainId);
        var hasher = options.HashPicker.PickHasher(serviceId, name, stateName, grainId, grainState)!;
        return new StateKey(
            GrainIdHash: hasher.Hash(key.HashBytes()),
            GrainIdN0: key.N0,
            GrainIdN1: key.N1,
            GrainTypeHash: hasher.Hash(Encoding.UTF8.GetBytes(stateName)),
            GrainTypeString: stateName,
            GrainIdExtensionString: key.Extension,
            ServiceId: serviceId);
    }
}
