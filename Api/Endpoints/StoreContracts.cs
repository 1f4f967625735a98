using StoreMonitor.Grains.Interfaces.Model;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Api.Endpoints;

public sealed record StoreView(string StoreId, int PollCount, string? FirstPoll, string? LatestPoll, string? Timezone, string EffectiveTimezone, string? Warning, HoursView[] BusinessHours)
{
    public static StoreView From(StoreSummary summary) => new(
        summary.StoreId,
        summary.PollCount,
        IsoInstant.Format(summary.FirstPoll),
        IsoInstant.Format(summary.LatestPoll),
        summary.ZoneId,
        summary.EffectiveZoneId,
        summary.ZoneWarning,
        [.. summary.Hours.Select(HoursView.From)]);
}

public sealed record HoursView(int DayOfWeek, string Start, string End)
{
    public static HoursView From(BusinessHoursRow row) => new(
        (int)row.Day - 1,
        row.Start.ToString("HH:mm:ss.FFFFFFF", null),
        row.End.ToString("HH:mm:ss.FFFFFFF", null));
}

public sealed record TimelineView(string StoreId, string Timezone, string From, string To, SegmentView[] Segments)
{
    public static TimelineView Of(StoreTimeline timeline) => new(
        timeline.StoreId,
        timeline.ZoneId,
        IsoInstant.Format(timeline.From),
        IsoInstant.Format(timeline.To),
        [.. timeline.Segments.Select(segment => new SegmentView(IsoInstant.Format(segment.Start), IsoInstant.Format(segment.End), segment.Status == PollStatus.Active ? "active" : "inactive"))]);
}

public sealed record SegmentView(string Start, string End, string Status);
