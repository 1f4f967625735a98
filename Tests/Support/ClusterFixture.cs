namespace StoreMonitor.Tests.Support;

/// <summary>One SQLite-backed cluster shared by the tests of a class (start-up costs seconds).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public StoreMonitorCluster Cluster { get; private set; } = null!;

    public string DatabasePath => _directory.File("grains.db");

    public async Task InitializeAsync() => Cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _directory.Dispose();
    }
}
