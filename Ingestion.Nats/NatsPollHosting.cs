using Microsoft.Extensions.DependencyInjection;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>Wires the consumer of polls from NATS into the API host, when <c>StoreMonitor:Live:Nats:Url</c> is set.</summary>
public static class NatsPollHosting
{
    /// <summary>Registers the consumer's status (read by the health check either way) and, when enabled, the consumer.</summary>
    public static IServiceCollection AddStoreMonitorNatsPolls(this IServiceCollection services, NatsPollOptions options)
    {
        services.AddSingleton<NatsConsumerStatus>();
        services.AddSingleton(options);
        if (options.Enabled)
        {
            services.AddSingleton<NatsPollBatchHandler>();
            services.AddHostedService<NatsPollConsumer>();
        }

        return services;
    }
}
