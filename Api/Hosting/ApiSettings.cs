using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Nats;

namespace StoreMonitor.Api.Hosting;

internal static class ApiSettings
{
    /// <summary>
    /// The API host's settings: the cluster side's and the ingestion's, bound once and validated together, so a host
    /// whose settings cannot work stops before it starts with every reason at once.
    /// </summary>
    public static StoreMonitorSettings AddStoreMonitorApiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = StoreMonitorSettings.Bind(configuration);
        var ingestion = IngestionOptions.Bind(configuration);
        var nats = NatsPollOptions.Bind(configuration);
        StoreMonitorOptionsExtensions.ThrowIfAny([.. settings.Problems(), .. ingestion.Problems(), .. nats.Problems()]);
        services.AddStoreMonitorOptions(settings);
        services.AddSingleton(Options.Create(ingestion));
        services.AddStoreMonitorNatsPolls(nats);
        return settings;
    }
}
