using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using StoreMonitor.Grains.Stores;

namespace StoreMonitor.Api.Endpoints;

/// <summary><c>GET /cluster</c>: the silos, their status, and how many store grains each one holds.</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cluster", GetCluster).WithName("GetCluster").WithTags("Cluster");
        return routes;
    }

    private static async Task<Ok<ClusterView>> GetCluster(IGrainFactory grains)
    {
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
                    onSilo.Where(IsStoreGrain).Sum(statistic => statistic.ActivationCount),
                    onSilo.Sum(statistic => statistic.ActivationCount));
            })
            .ToArray();
        return TypedResults.Ok(new ClusterView(silos.Sum(silo => silo.StoreGrains), silos));
    }

    private static bool IsStoreGrain(SimpleGrainStatistic statistic) =>
        statistic.GrainType.StartsWith(typeof(StoreGrain).FullName!, StringComparison.Ordinal);
}
