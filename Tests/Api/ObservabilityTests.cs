using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>Health probes, Prometheus metrics, the OpenAPI document and the docs pages of the real host.</summary>
/// <remarks>
/// The tests read, or trigger a report only they look at, so the class shares one host (<see cref="ObservedHost"/>);
/// the host that has not ingested yet is the one test's own.
/// </remarks>
public sealed class ObservabilityTests(ObservabilityTests.ObservedHost fixture) : IClassFixture<ObservabilityTests.ObservedHost>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Ready_reports_the_cluster_storage_and_the_finished_ingestion()
    {
        var live = await Host.Client.GetAsync("/health/live");
        var ready = await Host.Client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        foreach (var check in new[] { "cluster", "storage", "ingestion" })
        {
            Assert.Equal("Healthy", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Ready_is_503_until_an_ingestion_has_finished()
    {
        using var empty = new TempDirectory();
        using var database = new TempDirectory();
        await using var host = await ApiHost.StartAsync(empty.Path, database.File("storemonitor.db"), "--StoreMonitor:IngestOnStart=false");

        var ready = await host.Client.GetAsync("/health/ready");
        var live = await host.Client.GetAsync("/health/live");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("ingestion").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_under_the_storemonitor_prefix()
    {
        var trigger = await Host.Client.PostAsync("/trigger_report", null);
        var reportId = JsonDocument.Parse(await trigger.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
        await Host.WaitForReportAsync(reportId);
        await Host.Client.GetStringAsync("/stores?limit=1");

        // The exporter caches a scrape briefly; ask until the report shows up.
        string metrics = "";
        for (var attempt = 0; attempt < 50 && !metrics.Contains("storemonitor_report_duration_seconds_count", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(200);
            metrics = await Host.Client.GetStringAsync("/metrics");
        }

        var names = metrics.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line.Split('{', ' ')[0]).Distinct().ToArray();
        Assert.All(names.Where(name => name != "target_info"), name => Assert.StartsWith("storemonitor_", name, StringComparison.Ordinal));
        foreach (var expected in new[]
        {
            "storemonitor_ingestion_rows_accepted_total", "storemonitor_ingestion_rows_rejected_total", "storemonitor_ingestion_runs_total",
            "storemonitor_ingestion_duration_seconds_count", "storemonitor_report_duration_seconds_count", "storemonitor_report_stores_total",
            "storemonitor_store_grains_active", "storemonitor_http_server_request_duration_seconds_count",
        })
        {
            Assert.Contains(expected, names);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_docs_render_it()
    {
        var document = JsonDocument.Parse(await Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var docs = await Host.Client.GetAsync("/docs/");

        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/trigger_report", "post"), ("/get_report", "get"), ("/reports", "get"), ("/ingestion", "get"), ("/ingestion", "post"),
            ("/stores", "get"), ("/stores/{storeId}", "get"), ("/stores/{storeId}/timeline", "get"), ("/stores/{storeId}/uptime", "get"),
            ("/stores/down", "get"), ("/stores/{storeId}/events", "get"),
            ("/health/live", "get"), ("/health/ready", "get"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {path} documents no response");
        }

        var uptime = paths.GetProperty("/stores/{storeId}/uptime").GetProperty("get").GetProperty("responses");
        Assert.True(uptime.TryGetProperty("200", out _));
        Assert.True(uptime.TryGetProperty("400", out _));
        Assert.True(uptime.TryGetProperty("404", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_and_the_orleans_dashboard_are_served()
    {
        var index = await Host.Client.GetStringAsync("/");
        var script = await Host.Client.GetAsync("/js/api.js");
        var orleans = await Host.Client.GetAsync("/dashboard/");

        Assert.Contains("<script type=\"module\" src=\"js/app.js\">", index, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, orleans.StatusCode);
    }

    [Fact]
    public void The_orleans_dashboard_does_not_sample_orleans_counters_unless_asked()
    {
        // Its sampling, once a second, walks every activation and directory entry the silo holds: in a cluster of 140k
        // stores it took about 3 CPU-seconds of each silo's ingest. The sampling starts with the silo's lifecycle, the
        // grains' warm-up as a hosted service.
        Assert.DoesNotContain(HostedServiceNames(Host.Services), name => name == "DashboardHost");
        Assert.DoesNotContain(SiloLifecycleParticipantNames(Host.Services), name => name == "DashboardHost");
    }

    [Fact]
    public async Task The_orleans_dashboard_samples_orleans_counters_when_configured_to()
    {
        using var empty = new TempDirectory();
        using var database = new TempDirectory();
        await using var host = await ApiHost.StartAsync(
            empty.Path, database.File("storemonitor.db"), "--StoreMonitor:IngestOnStart=false", "--StoreMonitor:DashboardCounters=true");

        Assert.Contains(HostedServiceNames(host.Services), name => name == "DashboardHost");
        Assert.Contains(SiloLifecycleParticipantNames(host.Services), name => name == "DashboardHost");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/dashboard/")).StatusCode);
    }

    private static IEnumerable<string> HostedServiceNames(IServiceProvider services) =>
        services.GetServices<IHostedService>().Select(service => service.GetType().Name);

    private static IEnumerable<string> SiloLifecycleParticipantNames(IServiceProvider services) =>
        services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().Select(participant => participant.GetType().Name);

    /// <summary>A host over 40 generated stores, started and ingested once for the class.</summary>
    public sealed class ObservedHost : IAsyncLifetime
    {
        private readonly TempDirectory _data = new();
        private readonly TempDirectory _database = new();

        public ApiHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            TestDataset.Write(_data.Path, stores: 40, seed: 31);
            Host = await ApiHost.StartAsync(_data.Path, _database.File("storemonitor.db"));
            await Host.WaitForIngestionAsync();
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            _data.Dispose();
            _database.Dispose();
        }
    }
}
