using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using StoreMonitor.Api.Endpoints;
using StoreMonitor.Api.Health;
using StoreMonitor.Api.Live;
using StoreMonitor.Api.Security;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Hosting;
using StoreMonitor.Ingestion.Push;
using StoreMonitor.Ingestion.Uploads;

namespace StoreMonitor.Api.Hosting;

/// <summary>The API host's wiring, shared by <c>Program</c> and the end-to-end tests that start it on loopback.</summary>
public static class StoreMonitorApi
{
    public const string DefaultUrl = "http://localhost:5000";

    /// <param name="configure">Lets a test add to the wiring (e.g. a log capture) before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(HostArguments.WithDefaults(args));
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var settings = builder.Services.AddStoreMonitorApiOptions(builder.Configuration);

        // The embedded default: one silo inside this process. A cluster deployment runs Silo hosts instead
        // and sets StoreMonitor:Cluster:Mode=client so this host only joins as a client.
        builder.AddStoreMonitorOrleans(settings);

        builder.Services.AddProblemDetails();
        builder.Services.Configure<ExceptionHandlerOptions>(handler =>
            // A request the server itself refused (a body over the limit, a broken chunk) is the client's error, not a 500.
            handler.StatusCodeSelector = error => error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Store Monitor API";
            document.Info.Description = "Uptime and downtime of restaurant stores within their business hours. The report rules are in docs/SEMANTICS.md.";
            return Task.CompletedTask;
        }));
        builder.Services.AddStoreMonitorHealthChecks();
        builder.AddStoreMonitorTelemetry();
        // The report API names its JSON fields in snake_case (report_id, as_of); every endpoint follows suit.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddSingleton<ReportResponsesWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReportResponsesWarmUp>());
        builder.Services.TryAddSingleton<StoreGrainReferences>();
        // The lease holder names this process and, embedded, its silo: a restarted host, or the cluster, can tell it is gone.
        builder.Services.AddSingleton(services => LeaseHolderIdentity.OfThisProcess(services.GetService<ILocalSiloDetails>()?.SiloAddress.ToParsableString()));
        builder.Services.AddSingleton<IngestionRunner>();
        builder.Services.AddSingleton<IngestionCoordinator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IngestionCoordinator>());
        builder.Services.AddHostedService<IngestionScanner>();
        builder.Services.AddSingleton<PollPusher>();
        // Live events: this host's feed, fed by the observer it keeps registered with the cluster.
        builder.Services.AddSingleton<StoreEventFeed>();
        builder.Services.AddHostedService<LiveFeedRegistration>();
        builder.Services.AddStoreEventsHub();
        builder.AddStoreMonitorSecurity();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStoreMonitorResponseHeaders();
        // The dashboard's static files load without a key; every API call it makes is checked.
        app.UseStoreMonitorDashboard();
        app.UseStoreMonitorSecurity();
        app.MapReportEndpoints();
        app.MapIngestionEndpoints();
        app.MapPollEndpoints();
        app.MapStoreEndpoints();
        app.MapWebhookEndpoints();
        app.MapLiveEndpoints();
        app.MapStoreEventsHub();
        app.MapClusterEndpoints();
        app.MapHealthEndpoints();
        app.MapOperatorEndpoints().RequireReader();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Store Monitor API listening on {Urls}", string.Join(", ", app.Urls)));
        return app;
    }
}
