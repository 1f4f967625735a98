using System.Collections.Concurrent;

namespace StoreMonitor.Api.Hosting;

/// <summary>
/// One copy of the Orleans dashboard's assets per process. The dashboard registers its embedded-asset provider as
/// a singleton whose constructor gzips every embedded file, about 0.4 s of CPU, and every host built in a process
/// (each test's, each benchmark's) paid it again. The assets are the dashboard assembly's own resources and the
/// provider takes nothing from its container, so hosts in one process can share the first one built.
/// </summary>
internal static class OrleansDashboardAssets
{
    private const string ProviderTypeName = "Orleans.Dashboard.EmbeddedAssetProvider";

    private static readonly ConcurrentDictionary<Type, Lazy<object>> Providers = new();

    /// <summary>
    /// Replaces the provider's registration by one that hands out the process's instance. A dashboard version whose
    /// provider takes constructor arguments or holds resources keeps its own registration: sharing it would carry one
    /// container's services into another.
    /// </summary>
    public static IServiceCollection ShareOrleansDashboardAssets(this IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor is { Lifetime: ServiceLifetime.Singleton, IsKeyedService: false, ImplementationType: { } type }
                && descriptor.ServiceType == type
                && type.FullName == ProviderTypeName
                && type.GetConstructor(Type.EmptyTypes) is not null
                && !typeof(IDisposable).IsAssignableFrom(type)
                && !typeof(IAsyncDisposable).IsAssignableFrom(type))
            {
                services[i] = ServiceDescriptor.Singleton(type, _ => Providers.GetOrAdd(type, Create).Value);
            }
        }

        return services;
    }

    private static Lazy<object> Create(Type type) => new(() => Activator.CreateInstance(type)!);
}
