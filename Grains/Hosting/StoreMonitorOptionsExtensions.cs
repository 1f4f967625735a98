using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StoreMonitor.Grains.Hosting;

public static class StoreMonitorOptionsExtensions
{
    /// <summary>
    /// The one way a silo host reads Store Monitor's configuration: binds every section once, fails with all the
    /// problems at once (before anything starts) when the settings cannot work, and registers the bound values as
    /// <see cref="IOptions{TOptions}"/> for the services. Returns them for the host's own wiring.
    /// </summary>
    public static StoreMonitorSettings AddStoreMonitorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = StoreMonitorSettings.Bind(configuration);
        ThrowIfAny(settings.Problems());
        services.AddStoreMonitorOptions(settings);
        return settings;
    }

    /// <summary>Registers settings already bound and validated (a host that validates more beside them).</summary>
    public static void AddStoreMonitorOptions(this IServiceCollection services, StoreMonitorSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(Options.Create(settings.Silo));
        services.AddSingleton(Options.Create(settings.Cluster));
    }

    /// <summary>Stops a host whose settings cannot work, with every reason at once, each naming its key.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(StoreMonitorSiloOptions.SectionName, typeof(StoreMonitorSettings), problems);
        }
    }
}
