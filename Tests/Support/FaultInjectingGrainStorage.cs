using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// The real ADO.NET (SQLite) grain storage, with writes that fail on demand: a test says which grain's next
/// writes fail and how many times, to drive the failure paths a flaky database would.
/// </summary>
public sealed class FaultInjectingGrainStorage(AdoNetGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly ConcurrentDictionary<string, FaultPlan> Plans = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, WriteHold> Holds = new(StringComparer.Ordinal);

    /// <summary>
    /// The next <paramref name="count"/> writes of state for grain key <paramref name="grainKey"/> that <paramref name="when"/>
    /// accepts throw what <paramref name="failure"/> makes (by default an <see cref="IOException"/>, as a broken disk would).
    /// </summary>
    public static void FailWrites(string grainKey, int count, Func<object, bool> when, Func<GrainId, Exception>? failure = null) =>
        Plans[grainKey] = new FaultPlan(count, when, failure ?? (grain => new IOException($"Injected write failure for {grain}")));

    /// <summary>
    /// Holds the writes of state for grain key <paramref name="grainKey"/> that <paramref name="when"/> accepts until the
    /// returned hold is released; a held write then meets its fault plan, if any.
    /// </summary>
    public static WriteHold HoldWrites(string grainKey, Func<object, bool> when) => Holds[grainKey] = new WriteHold(when);

    /// <summary>How many writes for <paramref name="grainKey"/> were failed on purpose.</summary>
    public static int FailedWrites(string grainKey) => Plans.TryGetValue(grainKey, out var plan) ? plan.Failed : 0;

    /// <summary>Replaces Store Monitor's grain storage in a silo with this wrapper around the same SQLite storage.</summary>
    public static void Install(ISiloBuilder silo) => Install(silo.Services);

    /// <summary>
    /// The same for a host whose silo is already wired (an <see cref="ApiHost"/>'s, from its configureBuilder hook):
    /// registered after Store Monitor's own storage, this one is what the silo resolves.
    /// </summary>
    public static void Install(IServiceCollection services) =>
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (provider, _) =>
            new FaultInjectingGrainStorage(AdoNetGrainStorageFactory.Create(provider, StorageNames.Grains)));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        if (Holds.TryGetValue(key, out var hold) && grainState.State is { } held)
        {
            await hold.PassAsync(held);
        }

        if (Plans.TryGetValue(key, out var plan) && grainState.State is { } state && plan.TryConsume(state))
        {
            throw plan.Failure(grainId);
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer) => ((ILifecycleParticipant<ISiloLifecycle>)inner).Participate(observer);

    private sealed class FaultPlan(int count, Func<object, bool> when, Func<GrainId, Exception> failure)
    {
        public Func<GrainId, Exception> Failure => failure;

        private int _remaining = count;
        private int _failed;

        public int Failed => _failed;

        public bool TryConsume(object state)
        {
            if (!when(state) || Interlocked.Decrement(ref _remaining) < 0)
            {
                return false;
            }

            Interlocked.Increment(ref _failed);
            return true;
        }
    }
}
