using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// A cluster (grain state in a SQLite file of its own) beside 300 random stores in the public CSV format, not ingested.
/// One is shared by the report grain tests that only ingest those files and start reports
/// (<see cref="ReportGrainTests"/>); the tests that restart the cluster, or need it never or still ingesting, start
/// one each.
/// </summary>
public sealed class ReportCluster : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();

    public StoreMonitorCluster Cluster { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    public string DatabasePath => _directory.File("grains.db");

    public async Task InitializeAsync()
    {
        Cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        TestDataset.Write(_data.Path, stores: 300, seed: 7);
    }

    /// <summary>Stops the whole cluster; only its database is left until <see cref="StartAsync"/>.</summary>
    public ValueTask StopAsync() => Cluster.DisposeAsync();

    /// <summary>Starts a new cluster on the same database.</summary>
    public async Task StartAsync() => Cluster = await StoreMonitorCluster.StartAsync(DatabasePath);

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }
}
