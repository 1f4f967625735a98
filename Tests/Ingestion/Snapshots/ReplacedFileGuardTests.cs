using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion.Snapshots;

/// <summary>
/// A changed zone file in the data directory that would drop the rows of more than
/// <c>StoreMonitor:MaxDroppedStoreShare</c> of its stores fails as a file and changes no store, run after run, until a full
/// read with a setting that lets it through (issue 18, fault 10).
/// </summary>
public sealed class ReplacedFileGuardTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_zone_file_that_drops_most_stores_is_refused_until_the_setting_allows_it()
    {
        File.WriteAllText(_data.File("store_status.csv"), "store_id,status,timestamp_utc\n" + string.Concat("abcd".Select(store => $"{store},active,2023-01-23 12:00:00 UTC\n")));
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\n" + string.Concat("abcd".Select(store => $"{store},Asia/Kolkata\n")));
        await _cluster.IngestAsync(_data.Path);
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\na,America/Denver\n");

        var refused = await _cluster.IngestAsync(_data.Path);
        var again = await _cluster.IngestAsync(_data.Path);
        var zonesWhileRefused = await Task.WhenAll("abcd".Select(store => ZoneOfAsync(store.ToString())));
        // As any file that failed, the refused one is not read again until it changes or a full read asks for it.
        var allowed = await StoreMonitorCluster.IngestAsync(_cluster.CreateIngestionRunner(new IngestionOptions { MaxDroppedStoreShare = 1 }), _data.Path, fullRead: true);

        Assert.Contains("timezones.csv would drop the zone rows of 3 of the 4 stores it named before (75%), more than StoreMonitor:MaxDroppedStoreShare (50%) allows",
            ErrorOf(refused));
        Assert.True(again.Files.Single(file => Path.GetFileName(file.File) == "timezones.csv").Unchanged);
        Assert.All(zonesWhileRefused, zone => Assert.Equal("Asia/Kolkata", zone));
        Assert.Null(ErrorOf(allowed));
        Assert.Equal<string?[]>(["America/Denver", null, null, null], await Task.WhenAll("abcd".Select(store => ZoneOfAsync(store.ToString()))));
    }

    private static string? ErrorOf(IngestionSummary summary) =>
        summary.Files.Single(file => Path.GetFileName(file.File) == "timezones.csv").Error;

    private async Task<string?> ZoneOfAsync(string storeId) => (await _cluster.Grains.GetGrain<IStoreGrain>(storeId).GetSummary()).ZoneId;
}
