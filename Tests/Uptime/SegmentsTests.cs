using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;
using static StoreMonitor.Tests.Uptime.Stores;

namespace StoreMonitor.Tests.Uptime;

public class SegmentsTests
{
    private static readonly BusinessSchedule Schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"), Row(IsoDayOfWeek.Monday, "14:00", "16:00"));
    private static readonly Instant Now = Utc(2024, 1, 1, 18, 0);

    [Fact]
    public void Segments_follow_the_worked_example()
    {
        var polls = Timeline(Up(Utc(2024, 1, 1, 10, 14)), Down(Utc(2024, 1, 1, 11, 15)));
        var schedule = Schedule("UTC", Row(IsoDayOfWeek.Monday, "09:00", "12:00"));

        var segments = UptimeCalculator.Segments(polls, schedule, Utc(2024, 1, 1, 0, 0), Utc(2024, 1, 1, 12, 0), Utc(2024, 1, 1, 12, 0));

        Assert.Equal(
            [
                new StatusSegment(Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 10, 44, 30), PollStatus.Active),
                new StatusSegment(Utc(2024, 1, 1, 10, 44, 30), Utc(2024, 1, 1, 12, 0), PollStatus.Inactive),
            ],
            segments);
    }

    [Fact]
    public void Same_status_segments_separated_by_closed_time_stay_apart()
    {
        var polls = Timeline(Up(Utc(2024, 1, 1, 10, 0)));

        var segments = UptimeCalculator.Segments(polls, Schedule, Utc(2024, 1, 1, 0, 0), Utc(2024, 1, 2, 0, 0), Now);

        Assert.Equal(
            [
                new StatusSegment(Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 12, 0), PollStatus.Active),
                new StatusSegment(Utc(2024, 1, 1, 14, 0), Utc(2024, 1, 1, 16, 0), PollStatus.Active),
            ],
            segments);
    }

    [Fact]
    public void Segments_use_evidence_after_the_range_up_to_now()
    {
        // Range 09:00–10:00; polls 09:00 up and 10:30 down: midpoint 09:45 falls inside the range.
        var polls = Timeline(Up(Utc(2024, 1, 1, 9, 0)), Down(Utc(2024, 1, 1, 10, 30)));

        var segments = UptimeCalculator.Segments(polls, Schedule, Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 10, 0), Now);

        Assert.Equal(
            [
                new StatusSegment(Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 9, 45), PollStatus.Active),
                new StatusSegment(Utc(2024, 1, 1, 9, 45), Utc(2024, 1, 1, 10, 0), PollStatus.Inactive),
            ],
            segments);
    }

    [Fact]
    public void Segments_ignore_polls_after_now()
    {
        var polls = Timeline(Up(Utc(2024, 1, 1, 9, 0)), Down(Utc(2024, 1, 1, 10, 30)));

        var segments = UptimeCalculator.Segments(polls, Schedule, Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 10, 0), Utc(2024, 1, 1, 10, 0));

        Assert.Equal([new StatusSegment(Utc(2024, 1, 1, 9, 0), Utc(2024, 1, 1, 10, 0), PollStatus.Active)], segments);
    }

    [Fact]
    public void Segments_are_empty_without_polls_up_to_now()
    {
        Assert.Empty(UptimeCalculator.Segments(PollTimeline.Empty, Schedule, Utc(2024, 1, 1, 0, 0), Now, Now));
    }
}
