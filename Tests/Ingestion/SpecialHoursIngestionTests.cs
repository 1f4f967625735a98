using System.Text;
using NodaTime;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// <c>special_hours.csv</c> through the real runner into store grains on SQLite, and the report they give: read,
/// left alone by runs that do not change it, and, when replaced, deciding for every store as the hours file does.
/// The stores are those of the worked example in docs/SEMANTICS.md (all in UTC, report at 2024-12-25 12:00).
/// </summary>
public sealed class SpecialHoursIngestionTests : IAsyncLifetime
{
    private const string SpecialHeader = "store_id,date,start_time_local,end_time_local\n";

    // s: Christmas Eve 09:00–13:00, closed on Christmas Day. t: the same week without special rows. u: open 24×7, closed
    // on Christmas Day.
    private const string Special = SpecialHeader + "s,2024-12-24,09:00,13:00\ns,2024-12-25,closed,closed\nu,2024-12-25,CLOSED,closed\n";

    private static readonly Instant Now = Instant.FromUtc(2024, 12, 25, 12, 0);

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _data = new();
    private StoreMonitorCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_data.File("store_status.csv"), "store_id,status,timestamp_utc\n" +
            "s,active,2024-12-23 12:00:00 UTC\ns,inactive,2024-12-24 11:00:00 UTC\ns,inactive,2024-12-25 12:00:00 UTC\n" +
            "t,active,2024-12-23 12:00:00 UTC\nt,inactive,2024-12-24 11:00:00 UTC\nt,inactive,2024-12-25 12:00:00 UTC\n" +
            "u,active,2024-12-24 12:00:00 UTC\nu,inactive,2024-12-25 12:00:00 UTC\n");
        File.WriteAllText(_data.File("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n" +
            string.Concat(Enumerable.Range(0, 7).Select(day => $"s,{day},09:00,17:00\nt,{day},09:00,17:00\n")));
        File.WriteAllText(_data.File("timezones.csv"), "store_id,timezone_str\ns,UTC\nt,UTC\nu,UTC\n");
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _directory.Dispose();
        _data.Dispose();
    }

    private string SpecialFile => _data.File("special_hours.csv");

    private static FileIngestionSummary SpecialSummary(IngestionSummary summary) =>
        Assert.Single(summary.Files, file => file.File.EndsWith("special_hours.csv", StringComparison.Ordinal));

    private async Task<string> ReportAsync(string reportId)
    {
        var status = await _cluster.RunReportAsync(reportId, Now);
        Assert.Equal(ReportState.Complete, status.State);
        return Encoding.UTF8.GetString((await ReportFile.ReadAllAsync(_cluster.Grains, reportId))!);
    }

    private async Task<SpecialHoursRow[]> SpecialHoursOfAsync(string storeId) =>
        (await _cluster.Grains.GetGrain<IStoreGrain>(storeId).GetSummary()).SpecialHours;

    private static readonly SpecialHoursRow[] ChristmasOfS =
    [
        SpecialHoursRow.Open(new LocalDate(2024, 12, 24), new LocalTime(9, 0), new LocalTime(13, 0)),
        SpecialHoursRow.ClosedOn(new LocalDate(2024, 12, 25)),
    ];

    private static readonly SpecialHoursRow[] ChristmasOfU = [SpecialHoursRow.ClosedOn(new LocalDate(2024, 12, 25))];

    [Fact]
    public async Task A_special_hours_file_is_read_and_the_report_counts_no_downtime_on_closed_dates()
    {
        File.WriteAllText(SpecialFile, Special);

        var summary = await _cluster.IngestAsync(_data.Path);
        var report = await ReportAsync("with-special-hours");

        Assert.Null(summary.Error);
        Assert.Equal((3L, 3L, 0L), (SpecialSummary(summary).RowsRead, SpecialSummary(summary).Accepted, SpecialSummary(summary).Rejected));
        Assert.Equal(
            "store_id,uptime_last_hour(in minutes),uptime_last_day(in hours),uptime_last_week(in hours),downtime_last_hour(in minutes),downtime_last_day(in hours),downtime_last_week(in hours)\n" +
            "s,0.00,0.00,45.00,0.00,1.00,4.00\n" +
            "t,0.00,0.00,45.00,60.00,8.00,11.00\n" +
            "u,0.00,12.00,156.00,0.00,0.00,0.00\n",
            report);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path, Now)), report);
    }

    [Fact]
    public async Task Runs_that_do_not_change_the_file_leave_special_hours_and_a_replaced_file_decides_for_every_store()
    {
        File.WriteAllText(SpecialFile, Special);
        await _cluster.IngestAsync(_data.Path);

        // Polls appended: the special hours file is not read again, and every store keeps its rows.
        File.AppendAllText(_data.File("store_status.csv"), "s,inactive,2024-12-25 11:30:00 UTC\n");
        var appended = await _cluster.IngestAsync(_data.Path);
        var keptRows = await SpecialHoursOfAsync("s");

        // The file replaced by one without store s: s has no special rows any more, u keeps its Christmas closure.
        File.WriteAllText(SpecialFile, SpecialHeader + "u,2024-12-25,closed,closed\n");
        var replaced = await _cluster.IngestAsync(_data.Path);
        var report = await ReportAsync("after-replacement");
        var again = await _cluster.IngestAsync(_data.Path);

        Assert.True(SpecialSummary(appended).Unchanged);
        Assert.Equal(ChristmasOfS, keptRows);
        Assert.Null(replaced.Error);
        Assert.False(SpecialSummary(replaced).Unchanged);
        Assert.Empty(await SpecialHoursOfAsync("s"));
        Assert.Equal(ChristmasOfU, await SpecialHoursOfAsync("u"));
        Assert.Contains("\ns,0.00,0.00,45.00,60.00,8.00,11.00\n", report);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(_data.Path, Now)), report);
        Assert.Equal(await FreshFullIngestionAsync(["s", "t", "u"]), await StoreStates.OfAllAsync(_cluster.Grains, ["s", "t", "u"]));
        Assert.True(SpecialSummary(again).Unchanged);
    }

    [Fact]
    public async Task Special_hours_are_stored_and_read_back_after_every_silo_restarted()
    {
        File.WriteAllText(SpecialFile, Special);
        await _cluster.IngestAsync(_data.Path);
        var before = await ReportAsync("before-restart");

        await _cluster.DisposeAsync();
        _cluster = await StoreMonitorCluster.StartAsync(_directory.File("grains.db"));

        Assert.Equal(ChristmasOfS, await SpecialHoursOfAsync("s"));
        Assert.Equal(before, await ReportAsync("after-restart"));
    }

    [Fact]
    public async Task A_removed_special_hours_file_leaves_the_stores_as_they_were()
    {
        File.WriteAllText(SpecialFile, Special);
        await _cluster.IngestAsync(_data.Path);

        File.Delete(SpecialFile);
        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.Null(summary.Error);
        Assert.Equal(ChristmasOfS, await SpecialHoursOfAsync("s"));
    }

    [Fact]
    public async Task Invalid_rows_are_rejected_with_file_line_and_reason_and_the_valid_ones_applied()
    {
        File.WriteAllText(SpecialFile, SpecialHeader + "s,2024-12-24,09:00,13:00\ns,2024-12-32,closed,closed\nu,2024-12-25,closed,10:00\nu,2024-12-25,closed,closed\n");

        var summary = await _cluster.IngestAsync(_data.Path);
        var file = SpecialSummary(summary);

        Assert.Equal((4L, 2L, 2L), (file.RowsRead, file.Accepted, file.Rejected));
        Assert.Collection(file.FirstRejections,
            rejection => Assert.EndsWith("special_hours.csv:3: date '2024-12-32' is not a date (yyyy-MM-dd)", rejection),
            rejection => Assert.EndsWith("special_hours.csv:4: start_time_local is 'closed' but end_time_local '10:00': write closed in both time columns to close the date, or two times to open it", rejection));
        Assert.Equal(ChristmasOfS[..1], await SpecialHoursOfAsync("s"));
        Assert.Equal(ChristmasOfU, await SpecialHoursOfAsync("u"));
    }

    [Fact]
    public async Task A_file_without_its_date_column_fails_whole_and_every_store_keeps_its_special_hours()
    {
        File.WriteAllText(SpecialFile, Special);
        await _cluster.IngestAsync(_data.Path);

        File.WriteAllText(SpecialFile, "store_id,day,start_time_local,end_time_local\ns,2024-12-26,closed,closed\n");
        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.Contains("missing column 'date'", SpecialSummary(summary).Error);
        Assert.Contains("nothing from this file was applied", SpecialSummary(summary).Error);
        Assert.Equal(ChristmasOfS, await SpecialHoursOfAsync("s"));
    }

    [Fact]
    public async Task A_changed_file_that_drops_most_stores_special_hours_is_refused()
    {
        File.WriteAllText(SpecialFile, SpecialHeader + string.Concat("abcd".Select(store => $"{store},2024-12-25,closed,closed\n")));
        await _cluster.IngestAsync(_data.Path);

        File.WriteAllText(SpecialFile, SpecialHeader + "a,2024-12-25,closed,closed\n");
        var summary = await _cluster.IngestAsync(_data.Path);

        Assert.Contains("would drop the special hours rows of 3 of the 4 stores it named before (75%)", SpecialSummary(summary).Error);
        Assert.Equal(ChristmasOfU, await SpecialHoursOfAsync("b"));
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
