using Microsoft.Extensions.DependencyInjection;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Live;

public static class LiveSinkServiceCollectionExtensions
{
    /// <summary>
    /// Sends every batch of live events of this silo to <paramref name="publish"/> as well, e.g.
    /// <c>silo.Services.AddStoreEventSink((services, events) => services.GetRequiredService&lt;IGrainFactory&gt;().GetGrain&lt;IWebhookRouterGrain&gt;(0).Publish(events))</c>.
    /// </summary>
    /// <param name="isListening">Whether the sink wants events now; null: always.</param>
    public static IServiceCollection AddStoreEventSink(
        this IServiceCollection services, Func<IServiceProvider, StoreEvent[], Task> publish, Func<IServiceProvider, Task<bool>>? isListening = null) =>
        services.AddSingleton<IStoreEventSink>(provider => new DelegateSink(provider, publish, isListening));

    private sealed class DelegateSink(IServiceProvider services, Func<IServiceProvider, StoreEvent[], Task> publish, Func<IServiceProvider, Task<bool>>? isListening) : IStoreEventSink
    {
        public Task Publish(StoreEvent[] events) => publish(services, events);

        public Task<bool> IsListening() => isListening is null ? Task.FromResult(true) : isListening(services);
    }
}
