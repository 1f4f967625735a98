using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Ingestion;

namespace StoreMonitor.Grains.Hosting;

public static class StoreMonitorOptionsExtensions
{
    /// <summary>
    /// The one way a host reads Store Monitor's configuration: binds every section once, fails with all the
    /// problems at once (before anything starts) when the settings cannot work, and registers the bound
    /// values as <see cref="IOptions{TOptions}"/> for the services. Returns them for the host's own wiring.
    /// </summary>
    public static StoreMonitorSettings AddStoreMonitorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new StoreMonitorSettings(
            configuration.GetSection(StoreMonitorSiloOptions.SectionName).Get<StoreMonitorSiloOptions>() ?? new(),
            configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>() ?? new(),
            configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new());
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(StoreMonitorSiloOptions.SectionName, typeof(StoreMonitorSettings), problems);
        }

        services.AddSingleton(settings);
        services.AddSingleton(Options.Create(settings.Silo));
        services.AddSingleton(Options.Create(settings.Ingestion));
        services.AddSingleton(Options.Create(settings.Cluster));
        return settings;
    }
}
