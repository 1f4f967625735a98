using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Grain storage that is the Orleans ADO.NET provider with its reads, and where given its writes, run in groups.
/// <see cref="AdoNetGrainStorage"/> starts up (loading its queries) and clears as it always does; a grouped read or
/// write is the provider's own statement with the provider's own key columns, hashes, serializer and version checks,
/// so that many share one statement preparation, one transaction and, on a server, one round trip.
/// <list type="bullet">
/// <item>On PostgreSQL both go through <c>PostgresStateQueues</c>: the provider cannot be handed a data source that
/// groups its statements (it accepts only Npgsql's own sealed connection type).</item>
/// <item>On SQLite reads go through <see cref="SqliteReadQueue"/> and writes through the silo's
/// <see cref="SqliteWriteQueue"/>, which also runs the provider's clears.</item>
/// </list>
/// <c>PostgresGroupedWritesTests</c>, <c>SqliteGroupedReadsTests</c> and <c>SqliteGroupedWritesTests</c> hold this and
/// the provider alone to each other on real databases.
/// </summary>
internal sealed class GroupedGrainStorage(
    AdoNetGrainStorage provider,
    IGrainStateReads reads,
    IGrainStateWrites? writes,
    AdoNetGrainStorageOptions options,
    Serializer serializer,
    IActivatorProvider activators,
    string name,
    string serviceId) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The storage named <paramref name="name"/>: the provider configured under that name, with these reads and writes.</summary>
    public static GroupedGrainStorage Create(IServiceProvider services, string name, IGrainStateReads reads, IGrainStateWrites? writes) =>
        new(
            AdoNetGrainStorageFactory.Create(services, name),
            reads,
            writes,
            services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name),
            services.GetRequiredService<Serializer>(),
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

        var stored = await reads.ReadAsync(KeyOf(stateName, grainId, grainState));
        // As the provider reads a row: no payload (a cleared state) gives a fresh state but keeps the version.
        grainState.State = stored?.Payload is { } payload
            ? options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload))
            : activators.GetActivator<T>().Create();
        grainState.ETag = stored?.Version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored?.Payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (writes is null || IsGenericTypeName(stateName))
        {
            await provider.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var expected = string.IsNullOrWhiteSpace(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var payload = Serialize(grainState.State);
        var version = await writes.WriteAsync(new StateWrite(KeyOf(stateName, grainId, grainState), expected, payload));
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

    // The Orleans storage serializer writes the serializer's bytes into a buffer that grows as it goes, then copies
    // them; the serializer alone writes the same bytes into a pooled buffer and copies them once.
    private byte[] Serialize<T>(T state) =>
        options.GrainStorageSerializer is OrleansGrainStorageSerializer
            ? serializer.SerializeToArray(state)
            : options.GrainStorageSerializer.Serialize(state).ToArray();

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
