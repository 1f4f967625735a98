using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Bench.Service;

/// <summary>The same silo the API host embeds (real grains, real SQLite storage), started and stopped on demand.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IngestionRunner IngestionRunner => _host.Services.GetRequiredService<IngestionRunner>();

    public static async Task<BenchSilo> StartAsync(string databasePath, IConfiguration settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(HostArguments.WithDefaults([]));
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddConfiguration(settings);
        var bound = builder.Services.AddStoreMonitorOptions(builder.Configuration);
        var ingestion = IngestionOptions.Bind(builder.Configuration);
        StoreMonitorOptionsExtensions.ThrowIfAny(ingestion.Problems());
        builder.Services.AddSingleton(Options.Create(ingestion));
        // The lease holder names this process and, embedded, its silo: a restarted host, or the cluster, can tell it is gone.
        builder.Services.AddSingleton(services => LeaseHolderIdentity.OfThisProcess(services.GetService<ILocalSiloDetails>()?.SiloAddress.ToParsableString()));
        builder.Services.AddSingleton<IngestionRunner>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "store-monitor-bench", clusterId: "store-monitor-bench");
            silo.AddStoreMonitorGrains(bound.Silo.Storage, $"Data Source={databasePath}");
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <summary>A loopback port free when asked.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
