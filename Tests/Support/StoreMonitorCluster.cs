using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.TestingHost;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Support;

/// <summary>An in-process Orleans cluster hosting the real grains with grain state in a real SQLite file.</summary>
public sealed class StoreMonitorCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private StoreMonitorCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Grains => _cluster.Client;

    public InProcessTestCluster Cluster => _cluster;

    /// <summary>Starts silos on <paramref name="databasePath"/>. Two clusters with one service id and file see the same state.</summary>
    public static async Task<StoreMonitorCluster> StartAsync(
        string databasePath, string serviceId = "store-monitor-tests", short silos = 1, string storage = StorageKinds.Sqlite, Action<ISiloBuilder>? configure = null,
        Action<IClientBuilder>? configureClient = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureClient(client => ClusterLogging.Quiet(client.Services));
        if (configureClient is not null)
        {
            builder.ConfigureClient(configureClient);
        }

        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            ClusterLogging.Quiet(silo.Services);
            silo.AddStoreMonitorGrains(storage, $"Data Source={databasePath}");
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StoreMonitorCluster(cluster);
    }

    /// <summary>
    /// A cluster for lease faults: the shortest lease the settings allow, grain storage whose writes fail on demand
    /// (<see cref="FaultInjectingGrainStorage"/>), and calls held at <paramref name="gate"/>'s door (<see cref="CallGate"/>).
    /// </summary>
    public static Task<StoreMonitorCluster> StartWithShortLeasesAsync(string databasePath, Func<CallGate?> gate) =>
        StartAsync(databasePath, configure: silo =>
        {
            FaultInjectingGrainStorage.Install(silo);
            CallGate.Install(silo, gate);
            silo.Services.Configure<StoreMonitorSiloOptions>(options => options.IngestionLeaseDuration = StoreMonitorSiloOptions.MinimumIngestionLeaseDuration);
        });

    /// <summary>Store references as the hosts make them (see <see cref="StoreGrainReferences"/>).</summary>
    public StoreGrainReferences StoreGrains => ClusterCalls.StoreGrains(Grains);

    public IngestionRunner CreateIngestionRunner(IngestionOptions? options = null, IClock? clock = null) => ClusterCalls.CreateIngestionRunner(Grains, options, clock: clock);

    public Task<IngestionSummary> IngestAsync(string directory, bool fullRead = false) => IngestAsync(CreateIngestionRunner(), directory, fullRead);

    /// <summary>One run over <paramref name="directory"/> by <paramref name="runner"/>, to its end.</summary>
    public static async Task<IngestionSummary> IngestAsync(IngestionRunner runner, string directory, bool fullRead = false)
    {
        var run = await runner.TryBeginAsync(directory, fullRead) ?? throw new InvalidOperationException("An ingestion run is already in progress.");
        return await runner.RunAsync(run, CancellationToken.None);
    }

    /// <summary>Starts a report and waits until it is no longer running.</summary>
    public Task<ReportStatus> RunReportAsync(string reportId, Instant? asOf = null) => ClusterCalls.RunReportAsync(Grains, reportId, asOf);

    public Task<ReportStatus> WaitForReportAsync(string reportId) => ClusterCalls.WaitForReportAsync(Grains, reportId);

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
