using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// The Orleans dashboard's counter sampling, which a silo runs unless <see cref="StoreMonitorSiloOptions.DashboardCounters"/>
/// is set. The dashboard samples every counter of Orleans' meter once a second, at a rate it does not let us change,
/// and some of those counters walk every activation or directory entry the silo holds: at 47k store grains a silo, the
/// sampling took about a fifth of each silo's CPU while it took a new hour (a <c>perf</c> profile of
/// <c>scripts/cluster-bench.sh --stores 140000</c>), and the walk grows with the stores. The same counters stay on each
/// silo's Prometheus endpoint, read only when scraped.
/// </summary>
public static class OrleansDashboardCounters
{
    // The dashboard's start-up service: it starts the once-a-second sampling, and also warms the dashboard's grains
    // (without it they start on the dashboard's first request) and reports the silo's Orleans version to the dashboard
    // at start. Internal to the package, so it is found by name.
    private const string SamplingServiceTypeName = "Orleans.Dashboard.DashboardHost";

    /// <summary>Removes the dashboard's counter sampling, added by <c>AddDashboard</c> before this call.</summary>
    /// <exception cref="InvalidOperationException">The dashboard's sampling service is not registered (a newer Orleans
    /// dashboard may have renamed it): failing here keeps an upgrade from bringing the cost back unnoticed.</exception>
    public static IServiceCollection RemoveOrleansDashboardCounterSampling(this IServiceCollection services)
    {
        var hosted = services.Where(service => service.ServiceType == typeof(IHostedService)).ToList();
        var sampling = hosted.Where(service => ImplementationName(service) == SamplingServiceTypeName).ToList();
        if (sampling.Count == 0)
        {
            throw new InvalidOperationException(
                $"The Orleans dashboard's counter sampling ({SamplingServiceTypeName}) is not registered: add the dashboard first, "
                + "or, if this Orleans version renamed it, update OrleansDashboardCounters. Hosted services registered: "
                + string.Join(", ", hosted.Select(ImplementationName)));
        }

        foreach (var service in sampling)
        {
            services.Remove(service);
        }

        return services;
    }

    // The dashboard registers its service through a factory, whose return type names it.
    private static string? ImplementationName(ServiceDescriptor service) =>
        (service.ImplementationType ?? service.ImplementationFactory?.Method.ReturnType)?.FullName;
}
