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
    // Below Linux's default ephemeral range (32768-60999) and above the ports services usually take.
    private const int FirstPort = 20000;
    private const int PortRange = 12000;

    // Each test process starts at its own place in the range, so two processes rarely probe the same ports.
    private static int _nextPort = Random.Shared.Next(PortRange);

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>The host's own grain factory, for tests that need to arrange cluster state.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The host's services (its embedded silo's too), for tests that watch what the host does in process.</summary>
    public IServiceProvider Services => _app.Services;

    public static Task<ApiHost> StartAsync(string dataDirectory, string databasePath, params string[] extraArgs) =>
        StartAsync(dataDirectory, databasePath, configureBuilder: null, configureApp: null, extraArgs);

    /// <summary>
    /// Starts the host; <paramref name="configureBuilder"/> may add to its wiring before it is built (a log
    /// capture, say), <paramref name="configureApp"/> to the built application (a test endpoint).
    /// </summary>
    public static async Task<ApiHost> StartAsync(
        string dataDirectory, string databasePath, Action<WebApplicationBuilder>? configureBuilder, Action<WebApplication>? configureApp, params string[] extraArgs)
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
        var app = StoreMonitorApi.Build(args, configureBuilder);
        configureApp?.Invoke(app);
        await app.StartAsync();
        var address = new UriBuilder(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (address.Host is "0.0.0.0" or "[::]")
        {
            // Bound to every interface: the test still talks to it over loopback only.
            address.Host = "127.0.0.1";
        }

        return new ApiHost(app, address.Uri);
    }

    /// <summary>Waits until no ingestion is running and one has finished; returns the <c>/ingestion</c> document.</summary>
    public async Task<JsonElement> WaitForIngestionAsync(HttpClient? client = null)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = JsonDocument.Parse(await (client ?? Client).GetStringAsync("/ingestion")).RootElement;
            if ((status.GetProperty("state").GetString() == "Idle" && status.GetProperty("last_run").ValueKind == JsonValueKind.Object)
                || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls <c>get_report</c> until it is no longer running.</summary>
    public async Task<HttpResponseMessage> WaitForReportAsync(string reportId, HttpClient? client = null)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await (client ?? Client).GetAsync($"/get_report?report_id={reportId}");
            var running = response.Content.Headers.ContentType?.MediaType == "application/json"
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString() == "Running";
            if (!running || DateTimeOffset.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client of this host that sends <paramref name="apiKey"/> in <c>X-API-Key</c> (none when null).</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = Client.Timeout };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    /// <summary>
    /// A loopback port for a silo or gateway endpoint, which Orleans cannot bind to port 0 and read back as Kestrel does.
    /// Taken below the kernel's ephemeral range, so no outgoing connection can be handed it between this check and the
    /// silo's bind (port 0 would give an ephemeral port, released and then free for any connection to take); a
    /// counter keeps this process from handing a port out twice, and the bind check skips ports another process holds.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < PortRange; attempt++)
        {
            var port = FirstPort + (int)((uint)Interlocked.Increment(ref _nextPort) % PortRange);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Held by another process: try the next.
            }
        }

        throw new InvalidOperationException($"no free loopback port in {FirstPort}-{FirstPort + PortRange - 1}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
