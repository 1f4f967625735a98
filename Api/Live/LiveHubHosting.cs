using System.Text.Json;
using StoreMonitor.Api.Security;

namespace StoreMonitor.Api.Live;

/// <summary>The live events hub's wiring: SignalR with the REST API's JSON naming, and the broadcaster that feeds it.</summary>
public static class LiveHubHosting
{
    public static IServiceCollection AddStoreEventsHub(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddHostedService<StoreEventBroadcaster>();
        return services;
    }

    /// <summary>Maps the hub at <see cref="StoreEventsHub.Path"/> (its negotiate call too) behind a reader key.</summary>
    public static IEndpointRouteBuilder MapStoreEventsHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<StoreEventsHub>(StoreEventsHub.Path).RequireReader();
        return routes;
    }
}
