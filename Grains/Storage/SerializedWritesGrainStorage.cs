using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace StoreMonitor.Grains.Storage;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the lock taken sleeps in SQLite's busy handler (a
/// millisecond and up) even when the lock frees a few microseconds later. Queuing this silo's writes in-process
/// instead keeps the database busy back to back while the other core prepares the next updates. Reads are not
/// queued: in WAL mode they run beside the writer.
/// </summary>
public sealed class SerializedWritesGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public static void Install(ISiloBuilder silo, string name) =>
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
            new SerializedWritesGrainStorage(AdoNetGrainStorageFactory.Create(services, name)));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task OneAtATimeAsync(Func<Task> write)
    {
        await _writer.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Participate(ISiloLifecycle observer) => ((ILifecycleParticipant<ISiloLifecycle>)inner).Participate(observer);
}
