using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// One real host (Kestrel, in-process silo, SQLite) over 150 random stores, with small report slices (so a report is
/// many pieces in every partition) and no trigger rate limit: shared by the report option, format, compatibility,
/// validation and store uptime test classes, which only trigger and read reports. One host for all of them (a
/// collection, so the classes run one after another on it): identical reports of two classes share a computation,
/// as they do within a class, and the one test that asserts what shares (ReportOptionsApiTests) uses a report time
/// no other test asks for.
/// </summary>
public sealed class ReportOptionsFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _database = new();

    public ApiHost Host { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    public async Task InitializeAsync()
    {
        TestDataset.Write(_data.Path, stores: 150, seed: 20);
        Host = await ApiHost.StartAsync(
            _data.Path,
            _database.File("storemonitor.db"),
            "--StoreMonitor:ReportSliceStores=4",
            "--StoreMonitor:RateLimit:TriggerReportPerMinute=0");
        await Host.WaitForIngestionAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
        _database.Dispose();
    }
}

[CollectionDefinition(nameof(ReportOptionsFixture))]
public sealed class ReportOptionsCollection : ICollectionFixture<ReportOptionsFixture>;
