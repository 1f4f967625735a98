using System.Text;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// The report computed straight from the CSV files with the uptime engine: no grains, no storage, no
/// messages. Whatever the service does at scale must produce exactly these bytes. The tests own it; the
/// service benchmark compiles the same file (linked from Bench.csproj) to check the bytes it measures.
/// Internal in both, so neither assembly sees the other's copy.
/// </summary>
internal static class EngineReference
{
    public static byte[] Compute(string directory, Instant? asOf = null)
    {
        var data = ReadData(directory);
        if (data.Polls.Count == 0)
        {
            return ReportCsv.Build<StoreUptime>([]);
        }

        var now = asOf ?? Instant.FromUnixTimeTicks(data.LatestPoll);
        var rows = new List<StoreUptime>(data.Polls.Count);
        foreach (var (storeId, polls) in data.Polls)
        {
            var timeline = PollTimeline.Empty.Merge(polls.Ticks.ToArray(), polls.Statuses.ToArray()).Timeline;
            if (!timeline.HasPollAtOrBefore(now))
            {
                continue;
            }

            rows.Add(new StoreUptime(storeId, UptimeCalculator.Compute(timeline, data.Schedule(storeId), now), null));
        }

        return ReportCsv.Build(rows);
    }

    /// <summary>The report with <paramref name="options"/> (docs/REPORTS.md), computed store by store with the engine.</summary>
    public static byte[] Compute(string directory, ReportOptions options, Instant? asOf = null)
    {
        var data = ReadData(directory);
        var layout = options.Layout();
        var csv = new StringBuilder(layout.Header).Append('\n');
        if (data.Polls.Count == 0)
        {
            return Encoding.UTF8.GetBytes(csv.ToString());
        }

        var now = asOf ?? Instant.FromUnixTimeTicks(data.LatestPoll);
        var windows = options.EffectiveWindows.ToArray();
        foreach (var (storeId, polls) in data.Polls.OrderBy(store => store.Key, StringComparer.Ordinal))
        {
            var asked = (options.StoreIds is null || options.StoreIds.Contains(storeId, StringComparer.Ordinal))
                && (options.StorePrefix is null || storeId.StartsWith(options.StorePrefix, StringComparison.Ordinal));
            var timeline = PollTimeline.Empty.Merge(polls.Ticks.ToArray(), polls.Statuses.ToArray()).Timeline;
            if (!asked || !timeline.HasPollAtOrBefore(now))
            {
                continue;
            }

            var totals = new WindowTotals[windows.Length];
            UptimeCalculator.ComputeWindows(timeline, data.Schedule(storeId), now, windows, totals);
            layout.AppendRow(csv, storeId, totals);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static ReferenceData ReadData(string directory)
    {
        var files = InputFiles.Find(directory);
        var data = new ReferenceData();
        var storeIds = new Utf8StringPool();
        // Every poll file counts: store_status.csv and the hourly drops beside it.
        foreach (var (_, path) in InputFiles.FindAll(directory).Where(file => file.Kind == InputFileKind.StoreStatus))
        {
            using var stream = File.OpenRead(path);
            StoreStatusCsv.Read(stream, path, data, storeIds);
        }

        Read(files, InputFileKind.BusinessHours, (stream, name) => BusinessHoursCsv.Read(stream, name, data, storeIds));
        Read(files, InputFileKind.TimeZones, (stream, name) => TimeZoneCsv.Read(stream, name, data, storeIds));
        Read(files, InputFileKind.SpecialHours, (stream, name) => SpecialHoursCsv.Read(stream, name, data, storeIds));
        return data;
    }

    private static void Read(IReadOnlyDictionary<InputFileKind, string> files, InputFileKind kind, Action<Stream, string> read)
    {
        if (files.TryGetValue(kind, out var path))
        {
            using var stream = File.OpenRead(path);
            read(stream, path);
        }
    }

    private sealed class StorePolls
    {
        public List<long> Ticks { get; } = [];

        public List<PollStatus> Statuses { get; } = [];
    }

    private sealed class ReferenceData : IRowSink<PollRow>, IRowSink<HoursRow>, IRowSink<ZoneRow>, IRowSink<SpecialRow>
    {
        public Dictionary<string, StorePolls> Polls { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<BusinessHoursRow>> Hours { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Zones { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<SpecialHoursRow>> Special { get; } = new(StringComparer.Ordinal);

        public long LatestPoll { get; private set; } = long.MinValue;

        public BusinessSchedule Schedule(string storeId) => BusinessSchedule.Create(
            Hours.TryGetValue(storeId, out var rowsOfStore) ? rowsOfStore : [],
            Special.TryGetValue(storeId, out var specialOfStore) ? specialOfStore : [],
            StoreTimeZone.Resolve(Zones.GetValueOrDefault(storeId)).Zone);

        public void Accept(in PollRow row)
        {
            if (!Polls.TryGetValue(row.StoreId, out var polls))
            {
                polls = new StorePolls();
                Polls.Add(row.StoreId, polls);
            }

            polls.Ticks.Add(row.UnixTicks);
            polls.Statuses.Add(row.Status);
            LatestPoll = Math.Max(LatestPoll, row.UnixTicks);
        }

        public void Accept(in HoursRow row)
        {
            if (!Hours.TryGetValue(row.StoreId, out var hours))
            {
                hours = [];
                Hours.Add(row.StoreId, hours);
            }

            hours.Add(row.Hours);
        }

        public void Accept(in SpecialRow row)
        {
            if (!Special.TryGetValue(row.StoreId, out var special))
            {
                special = [];
                Special.Add(row.StoreId, special);
            }

            special.Add(row.Special);
        }

        // The service keeps a store's first zone row and rejects conflicting ones; so does the reference.
        public void Accept(in ZoneRow row) => Zones.TryAdd(row.StoreId, row.ZoneId);

        public void Reject(RowRejection rejection)
        {
            // Rejected rows are not part of the report on either side.
        }
    }
}
