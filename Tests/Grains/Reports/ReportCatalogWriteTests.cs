using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Grains.Reports;

/// <summary>
/// The report catalog lists only what it has stored: a report being listed is not shown until the list is written,
/// and when the write is refused, listing it again writes it.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class ReportCatalogWriteTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private StoreMonitorCluster _cluster = null!;

    private string DatabasePath => _directory.File("grains.db");

    private IReportCatalogGrain Catalog => _cluster.Grains.GetGrain<IReportCatalogGrain>(0);

    /// <summary>The catalog's grain key as the storage sees it.</summary>
    private string CatalogKey => Catalog.GetGrainId().Key.ToString()!;

    public async Task InitializeAsync() =>
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath, configure: FaultInjectingGrainStorage.Install);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_report_being_listed_is_not_shown_until_stored_and_listing_it_again_after_a_refusal_stores_it()
    {
        var listed = new ReportCatalogEntry("listed-after-refusal", Instant.FromUtc(2026, 6, 1, 12, 0), null);
        var hold = FaultInjectingGrainStorage.HoldWrites(CatalogKey, IsCatalog);
        FaultInjectingGrainStorage.FailWrites(CatalogKey, count: 1, when: IsCatalog);
        var recording = Catalog.Record(listed);
        ReportCatalogEntry[] whileWriting;
        try
        {
            await hold.Entered;
            whileWriting = await Catalog.Recent(10);
        }
        finally
        {
            hold.Release();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => recording);
        var afterRefusal = await Catalog.Recent(10);
        await Catalog.Record(listed);
        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(DatabasePath);
        var afterRestart = await Catalog.Recent(10);

        Assert.Empty(whileWriting);
        Assert.Empty(afterRefusal);
        Assert.Equal([listed.ReportId], afterRestart.Select(entry => entry.ReportId));
    }

    private static bool IsCatalog(object state) => state is ReportCatalogState;
}
