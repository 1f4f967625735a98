using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// The Orleans dashboard's counter sampling, which a silo runs unless <see cref="StoreMonitorSiloOptions.DashboardCounters"/>
/// is set. The dashboard samples every counter of Orleans' meter once a second, at a rate it does not let us change,
/// and some of those counters walk every activation or directory entry the silo holds: in a cluster ingesting 140k
/// stores the sampling took about 3 CPU-seconds of each silo's ingest (a <c>perf</c> profile of the silos), and the
/// walk grows with the stores. The same counters stay on each silo's Prometheus endpoint, read only when scraped.
/// </summary>
public static class OrleansDashboardCounters
{
    // The dashboard's start-up service. It starts the once-a-second sampling as a silo lifecycle participant, and as a
    // hosted service it warms the dashboard's grains (without it they start on the dashboard's first request) and
    // reports the silo's Orleans version to the dashboard. Internal to the package, so it is found by name.
    private const string SamplingServiceTypeName = "Orleans.Dashboard.DashboardHost";

    /// <summary>Removes the dashboard's counter sampling, added by <c>AddDashboard</c> before this call.</summary>
    /// <exception cref="InvalidOperationException">The dashboard's sampling service is not registered both ways (a newer
    /// Orleans dashboard may have renamed or moved it): failing here keeps an upgrade from bringing the cost back unnoticed.</exception>
    public static IServiceCollection RemoveOrleansDashboardCounterSampling(this IServiceCollection services)
    {
        var hosted = services.Where(service => service.ServiceType == typeof(IHostedService) && ResolvesSamplingService(service)).ToList();
        var participants = services.Where(service => service.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && ResolvesSamplingService(service)).ToList();
        if (hosted.Count == 0 || participants.Count == 0)
        {
            throw new InvalidOperationException(
                $"The Orleans dashboard's counter sampling ({SamplingServiceTypeName}) is not registered as a hosted service and a silo "
                + "lifecycle participant: add the dashboard first, or, if this Orleans version moved it, update OrleansDashboardCounters.");
        }

        foreach (var service in hosted.Concat(participants))
        {
            services.Remove(service);
        }

        return services;
    }

    // The dashboard registers the service through factories: the hosted one returns it, and the lifecycle participant
    // is Orleans' AddFromExisting, a closure that resolves the type it holds.
    private static bool ResolvesSamplingService(ServiceDescriptor service)
    {
        if (IsSamplingService(service.ImplementationType) || IsSamplingService(service.ImplementationFactory?.Method.ReturnType))
        {
            return true;
        }

        var closure = service.ImplementationFactory?.Target;
        return closure is not null
            && closure.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(field => field.FieldType == typeof(Type) && IsSamplingService(field.GetValue(closure) as Type));
    }

    private static bool IsSamplingService(Type? type) => type?.FullName == SamplingServiceTypeName;
}
