using NodaTime;
using StoreMonitor.Grains.Webhooks;

namespace StoreMonitor.Tests.Live.Webhooks;

public sealed class RetryScheduleTests
{
    [Fact]
    public void The_default_schedule_is_the_Standard_Webhooks_one_and_gives_ten_attempts()
    {
        var schedule = RetrySchedule.From(new WebhookOptions());

        Assert.Equal(
            [Duration.FromSeconds(5), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2), Duration.FromHours(5),
             Duration.FromHours(10), Duration.FromHours(14), Duration.FromHours(20), Duration.FromHours(24)],
            schedule.Waits);
        Assert.Equal(10, schedule.MaxAttempts);
    }

    [Theory]
    [InlineData("1.5s, 00:02:00 ,1d", "1.5 120 86400")]
    [InlineData("500s", "500")]
    [InlineData("2m,3h", "120 10800")]
    public void Waits_are_read_in_seconds_minutes_hours_days_or_hh_mm_ss(string text, string seconds)
    {
        var (schedule, problem) = RetrySchedule.Parse(text);

        Assert.Null(problem);
        Assert.Equal(seconds.Split(' ').Select(value => Duration.FromSeconds(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture))), schedule!.Waits);
    }

    [Theory]
    [InlineData("5s,5x", "item 2 ('5x') is not a positive duration")]
    [InlineData("0s", "item 1 ('0s') is not a positive duration")]
    [InlineData("5s,,5m", "item 2 ('') is not a positive duration")]
    [InlineData("-5s", "item 1 ('-5s') is not a positive duration")]
    public void A_wait_that_is_no_duration_is_named_with_its_position(string text, string problem)
    {
        var options = new WebhookOptions { RetrySchedule = text };

        Assert.StartsWith(problem, RetrySchedule.Parse(text).Problem, StringComparison.Ordinal);
        Assert.Contains($"StoreMonitor:Live:Webhooks:RetrySchedule {problem}", options.Problems()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Jitter_keeps_each_wait_within_its_share_and_spreads_them()
    {
        var schedule = RetrySchedule.Parse("100s").Schedule!;
        var random = new Random(7);

        var waits = Enumerable.Range(0, 1000).Select(_ => schedule.WaitAfter(1, 0.2, random)!.Value.TotalSeconds).ToArray();

        Assert.All(waits, wait => Assert.InRange(wait, 80, 120));
        Assert.True(waits.Min() < 82 && waits.Max() > 118, $"the waits span only {waits.Min()} to {waits.Max()}");
        Assert.Equal(Duration.FromSeconds(100), schedule.WaitAfter(1, 0, random));
        Assert.Null(schedule.WaitAfter(2, 0, random));
    }
}
