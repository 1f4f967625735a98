using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Tests.Support;

/// <summary>An Orleans client of a host running in its own process (<see cref="ApiProcess"/>), through its silo's gateway port.</summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost _host;

    private GatewayClient(IHost host) => _host = host;

    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the gateway on <paramref name="gatewayPort"/> of a cluster with the default service and cluster ids.</summary>
    public static async Task<GatewayClient> ConnectAsync(int gatewayPort)
    {
        var settings = new ClusterSettings();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, settings.ServiceId, settings.ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
