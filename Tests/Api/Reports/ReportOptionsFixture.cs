using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api.Reports;

/// <summary>
/// One real host (Kestrel, in-process silo, SQLite) over 150 random stores, with small report slices (so a report is
/// many pieces in every partition) and no trigger rate limit: shared by the report option and format tests, which
/// only trigger and read reports.
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
