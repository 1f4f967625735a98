using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion.Snapshots;

/// <summary>
/// A store dropped from the hours and zone files holds no hours and no zone, whatever else the run that reads the new
/// files reads: the files decide, not the history of runs (issue 18, fault 9).
/// </summary>
public sealed class HoursAndZonesFollowTheFilesTests : IAsyncLifetime
{
    private const string PollsHeader = "store_id,status,timestamp_utc\n";
    private const string HoursHeader = "store_id,dayOfWeek,start_time_local,end_time_local\n";
    private const string ZonesHeader = "store_id,timezone_str\n";

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    /// <summary>What the run that reads the new hours and zone files reads besides them.</summary>
    public enum Timing
    {
        NoPollOfTheStore,
        APollOfTheStore,
        FullRead,
    }

    public async Task InitializeAsync() => _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    [Theory]
    [InlineData(Timing.NoPollOfTheStore)]
    [InlineData(Timing.APollOfTheStore)]
    [InlineData(Timing.FullRead)]
    public async Task A_store_dropped_from_the_hours_and_zone_files_has_neither_whatever_else_the_run_reads(Timing timing)
    {
        File.WriteAllText(_data.File("store_status.csv"), PollsHeader + "a,active,2023-01-23 12:00:00 UTC\nb,active,2023-01-23 12:00:00 UTC\n");
        File.WriteAllText(_data.File("menu_hours.csv"), HoursHeader + "a,0,09:00,17:00\nb,0,10:00,18:00\n");
        File.WriteAllText(_data.File("timezones.csv"), ZonesHeader + "a,America/Denver\nb,Asia/Kolkata\n");
        await _cluster.IngestAsync(_data.Path);

        File.WriteAllText(_data.File("menu_hours.csv"), HoursHeader + "a,0,09:00,17:00\n");
        File.WriteAllText(_data.File("timezones.csv"), ZonesHeader + "a,America/Denver\n");
        if (timing == Timing.APollOfTheStore)
        {
            File.AppendAllText(_data.File("store_status.csv"), "b,inactive,2023-01-23 13:00:00 UTC\n");
        }

        await _cluster.IngestAsync(_data.Path, fullRead: timing == Timing.FullRead);

        var b = await _cluster.Grains.GetGrain<IStoreGrain>("b").GetSummary();
        Assert.Empty(b.Hours);
        Assert.Null(b.ZoneId);
        Assert.Equal(await FreshFullIngestionAsync(["a", "b"]), await StoreStates.OfAllAsync(_cluster.Grains, ["a", "b"]));
    }

    /// <summary>The stores as one full read of the current files into a new database gives them.</summary>
    private async Task<string[]> FreshFullIngestionAsync(string[] storeIds)
    {
        using var database = new TempDirectory();
        await using var fresh = await StoreMonitorCluster.StartAsync(database.File("grains.db"), serviceId: "fresh-full-read");
        await fresh.IngestAsync(_data.Path, fullRead: true);
        return await StoreStates.OfAllAsync(fresh.Grains, storeIds);
    }
}
