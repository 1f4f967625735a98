using NodaTime;
using StoreMonitor.Grains.Ingestion.Parsing;
using StoreMonitor.Grains.Interfaces.Model;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Grains.Reports;
using StoreMonitor.Grains.Uptime;

namespace StoreMonitor.Tests.Support;

/// <summary>The test oracle for the service path: the report computed straight from the files with the engine, no grains.</summary>
public static class DirectReport
{
    public static Instant LatestPoll(string directory)
    {
        var polls = new Collect<PollRow>();
        using var stream = File.OpenRead(InputFiles.Find(directory)[InputFileKind.StoreStatus]);
        StoreStatusCsv.Read(stream, "store_status.csv", polls);
        return Instant.FromUnixTimeTicks(polls.Rows.Max(row => row.UnixTicks));
    }

    public static byte[] Compute(string directory, Instant? asOf = null)
    {
        var files = InputFiles.Find(directory);
        var polls = new Collect<PollRow>();
        var hours = new Collect<HoursRow>();
        var zones = new Collect<ZoneRow>();
        using (var stream = File.OpenRead(files[InputFileKind.StoreStatus]))
        {
            StoreStatusCsv.Read(stream, "store_status.csv", polls);
        }

        using (var stream = File.OpenRead(files[InputFileKind.BusinessHours]))
        {
            BusinessHoursCsv.Read(stream, "menu_hours.csv", hours);
        }

        using (var stream = File.OpenRead(files[InputFileKind.TimeZones]))
        {
            TimeZoneCsv.Read(stream, "timezones.csv", zones);
        }

        var now = asOf ?? Instant.FromUnixTimeTicks(polls.Rows.Max(row => row.UnixTicks));
        var rows = new List<StoreUptime>();
        foreach (var store in polls.Rows.GroupBy(row => row.StoreId))
        {
            var timeline = PollTimeline.Empty.Merge(
                store.Select(row => row.UnixTicks).ToArray(),
                store.Select(row => row.Status).ToArray()).Timeline;
            if (!timeline.HasPollAtOrBefore(now))
            {
                continue;
            }

            var zoneId = zones.Rows.Where(row => row.StoreId == store.Key).Select(row => row.ZoneId).FirstOrDefault();
            var schedule = BusinessSchedule.Create(
                [.. hours.Rows.Where(row => row.StoreId == store.Key).Select(row => row.Hours)],
                StoreTimeZone.Resolve(zoneId).Zone);
            rows.Add(new StoreUptime(store.Key, UptimeCalculator.Compute(timeline, schedule, now), null));
        }

        return ReportCsvBuilder.Build(rows);
    }

    private sealed class Collect<TRow> : IRowSink<TRow>
    {
        public List<TRow> Rows { get; } = [];

        public void Accept(in TRow row) => Rows.Add(row);

        public void Reject(RowRejection rejection) => throw new InvalidOperationException($"Unexpected rejection {rejection}");
    }
}
