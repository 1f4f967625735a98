using System.Globalization;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

public sealed record StoreView(string StoreId, int PollCount, string? FirstPoll, string? LatestPoll, string? Timezone, string EffectiveTimezone, string? Warning, HoursView[] BusinessHours, SpecialHoursView[] SpecialHours)
{
    public static StoreView From(StoreSummary summary) => new(
        summary.StoreId,
        summary.PollCount,
        IsoInstant.Format(summary.FirstPoll),
        IsoInstant.Format(summary.LatestPoll),
        summary.ZoneId,
        summary.EffectiveZoneId,
        summary.ZoneWarning,
        [.. summary.Hours.Select(HoursView.From)],
        [.. summary.SpecialHours.Select(SpecialHoursView.From)]);
}

public sealed record HoursView(int DayOfWeek, string Start, string End)
{
    public static HoursView From(BusinessHoursRow row) => new(
        (int)row.Day - 1,
        row.Start.ToString("HH:mm:ss.FFFFFFF", null),
        row.End.ToString("HH:mm:ss.FFFFFFF", null));
}

/// <summary>
/// One special hours row: on the local <see cref="Date"/> (<c>yyyy-MM-dd</c>) it replaces the weekly hours. A closed date
/// has <see cref="Closed"/> set and no times; otherwise the store opens from <see cref="Start"/> to <see cref="End"/>
/// (an end at or before the start is on the next date, <c>24:00:00</c> the end of the date).
/// </summary>
public sealed record SpecialHoursView(string Date, bool Closed, string? Start, string? End)
{
    public static SpecialHoursView From(SpecialHoursRow row) => row.Closed
        ? new(row.Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture), true, null, null)
        : new(row.Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture), false, Time(row.Start), row.End == LocalTime.Midnight ? "24:00:00" : Time(row.End));

    private static string Time(LocalTime time) => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}

/// <summary>The week before the report time as the engine sees it: open hours, up/down segments, and the polls.</summary>
public sealed record TimelineView(string StoreId, string Timezone, string From, string To, SegmentView[] Segments, IntervalView[] OpenHours, PollView[] Polls)
{
    public static TimelineView Of(StoreTimeline timeline) => new(
        timeline.StoreId,
        timeline.ZoneId,
        IsoInstant.Format(timeline.From),
        IsoInstant.Format(timeline.To),
        [.. timeline.Segments.Select(segment => new SegmentView(IsoInstant.Format(segment.Start), IsoInstant.Format(segment.End), StatusText(segment.Status)))],
        [.. timeline.OpenHours.Select(open => new IntervalView(IsoInstant.Format(open.Start), IsoInstant.Format(open.End)))],
        [.. timeline.Polls.Select(poll => new PollView(IsoInstant.Format(poll.At), StatusText(poll.Status), poll.InBusinessHours))]);

    private static string StatusText(PollStatus status) => status == PollStatus.Active ? "active" : "inactive";
}

public sealed record SegmentView(string Start, string End, string Status);

public sealed record IntervalView(string Start, string End);

public sealed record PollView(string At, string Status, bool InBusinessHours);

/// <summary>
/// A store's report row as JSON: the same figures, units and rounding as its line of the report CSV for the same
/// report time (minutes for the last hour, hours for the day and week).
/// </summary>
public sealed record StoreUptimeView(
    string StoreId,
    string AsOf,
    decimal UptimeLastHour,
    decimal UptimeLastDay,
    decimal UptimeLastWeek,
    decimal DowntimeLastHour,
    decimal DowntimeLastDay,
    decimal DowntimeLastWeek,
    string? Warning)
{
    public static StoreUptimeView From(StoreUptime row, NodaTime.Instant asOf) => new(
        row.StoreId,
        IsoInstant.Format(asOf),
        ReportCsv.Minutes(row.Totals.UpLastHour),
        ReportCsv.Hours(row.Totals.UpLastDay),
        ReportCsv.Hours(row.Totals.UpLastWeek),
        ReportCsv.Minutes(row.Totals.DownLastHour),
        ReportCsv.Hours(row.Totals.DownLastDay),
        ReportCsv.Hours(row.Totals.DownLastWeek),
        row.Warning);
}

/// <summary>One page of store ids in ordinal order; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record StorePage(string[] StoreIds, string? NextCursor);

/// <summary>
/// A store's row for chosen windows (<c>/stores/{id}/uptime?windows=…</c>): the report time, the data warning, and
/// <see cref="Row"/>, the row exactly as a JSON report with the same options has it (its CSV column names as keys).
/// </summary>
public sealed record StoreWindowsView(string StoreId, string AsOf, string? Warning, Dictionary<string, object?> Row)
{
    public static StoreWindowsView From(StoreWindowUptime uptime, NodaTime.Instant asOf, ReportLayout layout)
    {
        var values = new List<decimal?>();
        foreach (var (window, totals) in layout.Windows.Zip(uptime.Totals))
        {
            values.Add(window.InMinutes ? ReportCsv.Minutes(totals.Up) : ReportCsv.Hours(totals.Up));
        }

        foreach (var (window, totals) in layout.Windows.Zip(uptime.Totals))
        {
            values.Add(window.InMinutes ? ReportCsv.Minutes(totals.Down) : ReportCsv.Hours(totals.Down));
        }

        if (layout.IncludePercent)
        {
            values.AddRange(uptime.Totals.Select(totals => ReportCsv.Percent(totals)));
        }

        // Insertion order is the column order.
        var row = new Dictionary<string, object?>(StringComparer.Ordinal) { [layout.Columns[0]] = uptime.StoreId };
        foreach (var (column, value) in layout.Columns.Skip(1).Zip(values))
        {
            // Adding 0.00 gives the decimal two places, so it is written as the report writes it (60.00, not 60).
            row[column] = value + 0.00m;
        }

        return new StoreWindowsView(uptime.StoreId, IsoInstant.Format(asOf), uptime.Warning, row);
    }
}
