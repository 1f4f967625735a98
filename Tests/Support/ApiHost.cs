using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StoreMonitor.Api.Hosting;

namespace StoreMonitor.Tests.Support;

/// <summary>The real API host (Kestrel, in-process silo, SQLite) on loopback ports of its own.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>The host's own grain factory, for tests that need to arrange cluster state.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static Task<ApiHost> StartAsync(string dataDirectory, string databasePath, params string[] extraArgs) =>
        StartAsync(dataDirectory, databasePath, _ => { }, extraArgs);

    /// <summary>Starts the host after <paramref name="configure"/> has had the built application (to add a test endpoint, say).</summary>
    public static async Task<ApiHost> StartAsync(string dataDirectory, string databasePath, Action<WebApplication> configure, params string[] extraArgs)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--StoreMonitor:DataDirectory={dataDirectory}",
            $"--ConnectionStrings:StoreMonitor=Data Source={databasePath}",
            $"--StoreMonitor:Cluster:SiloPort={FreePort()}",
            $"--StoreMonitor:Cluster:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = StoreMonitorApi.Build(args);
        configure(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new Uri(address));
    }

    /// <summary>Waits until no ingestion is running and one has finished; returns the <c>/ingestion</c> document.</summary>
    public async Task<JsonElement> WaitForIngestionAsync()
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = JsonDocument.Parse(await Client.GetStringAsync("/ingestion")).RootElement;
            if ((status.GetProperty("state").GetString() == "Idle" && status.GetProperty("last_run").ValueKind == JsonValueKind.Object)
                || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls <c>get_report</c> until it is no longer running.</summary>
    public async Task<HttpResponseMessage> WaitForReportAsync(string reportId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await Client.GetAsync($"/get_report?report_id={reportId}");
            var running = response.Content.Headers.ContentType?.MediaType == "application/json"
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString() == "Running";
            if (!running || DateTimeOffset.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
