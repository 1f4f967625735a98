using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Orleans.Metadata;
using StoreMonitor.Grains.Interfaces;

namespace StoreMonitor.Api.Endpoints;

/// <summary><c>GET /cluster</c>: the silos, their status, and how many store grains each one holds.</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cluster", GetCluster).WithName("GetCluster").WithTags("Cluster");
        return routes;
    }

    private static async Task<Ok<ClusterView>> GetCluster(IGrainFactory grains, IClusterManifestProvider manifests)
    {
        var storeClass = StoreGrainClass(manifests.Current);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var silos = hosts
            .OrderBy(host => host.SiloAddress.Endpoint.Port)
            .ThenBy(host => host.SiloAddress.Generation)
            .Select(host =>
            {
                var onSilo = statistics.Where(statistic => statistic.SiloAddress.Equals(host.SiloAddress)).ToArray();
                return new SiloView(
                    host.SiloAddress.ToParsableString(),
                    host.SiloName,
                    host.Status.ToString(),
                    host.ProxyPort,
                    IsoInstant.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc))),
                    IsoInstant.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(host.IAmAliveTime, DateTimeKind.Utc))),
                    onSilo.Where(statistic => storeClass is not null && statistic.GrainType.StartsWith(storeClass, StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount),
                    onSilo.Sum(statistic => statistic.ActivationCount));
            })
            .ToArray();
        return TypedResults.Ok(new ClusterView(silos.Sum(silo => silo.StoreGrains), silos));
    }

    /// <summary>
    /// The class behind the grain type <c>store</c>, as the silos' manifest names it: grain statistics count
    /// activations by class, and an API host in client mode has no grain classes of its own to ask.
    /// </summary>
    private static string? StoreGrainClass(ClusterManifest manifest)
    {
        var store = GrainType.Create(GrainTypeNames.Store);
        return manifest.AllGrainManifests
            .Select(silo => silo.Grains.TryGetValue(store, out var properties) ? properties : null)
            .FirstOrDefault(properties => properties is not null)?
            .Properties.GetValueOrDefault(WellKnownGrainTypeProperties.FullTypeName);
    }
}
