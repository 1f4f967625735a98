using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Interfaces.Webhooks;
using StoreMonitor.Grains.Live;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>What a silo needs to deliver webhooks: the settings, the guarded HTTP client, the sender, and a wake-up at start.</summary>
public static partial class WebhookHosting
{
    public static ISiloBuilder AddStoreMonitorWebhooks(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        silo.Services.AddHttpClient(WebhookSender.ClientName, (services, client) =>
                client.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                // Standard Webhooks: a 3xx is a failed attempt; following it would also let a receiver steer the silo elsewhere.
                AllowAutoRedirect = false,
                // A proxy would be what the guard checks and connects to, not the receiver.
                UseProxy = false,
                ConnectCallback = new GuardedConnection(services.GetRequiredService<IOptions<WebhookOptions>>().Value).ConnectAsync,
                // Connections are checked when opened: reopen now and then, so a name that moves is checked again.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // The sender logs what failed, naming the endpoint without its path or query (which may carry a token).
            .RemoveAllLoggers();
        silo.Services.AddSingleton<WebhookSender>();
        // Every batch of live events goes to the router, which queues a delivery per matching subscription; while no
        // subscription exists, webhooks want no events (so stores derive none unless an API host listens).
        silo.Services.AddStoreEventSink(
            (services, events) => Router(services).Publish(events),
            services => Router(services).HasSubscriptions());
        // Reminders of the embedded host live in memory: after a restart, this start-up wake resumes pending deliveries.
        silo.AddStartupTask((services, cancellation) =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookHosting));
            var router = services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookRouterGrain>(WebhookRouter.Key);
            // Not awaited: the silo starts whatever the deliveries are doing.
            _ = Task.Run(async () =>
            {
                try
                {
                    await router.Wake();
                }
                catch (Exception error)
                {
                    LogWakeFailed(logger, error);
                }
            });
            return Task.CompletedTask;
        });
        return silo;
    }

    private static IWebhookRouterGrain Router(IServiceProvider services) =>
        services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookRouterGrain>(WebhookRouter.Key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the webhook subscriptions at start failed; the router's sweep will wake them")]
    private static partial void LogWakeFailed(ILogger logger, Exception error);
}
