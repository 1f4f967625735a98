using NodaTime;
using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Uptime;

/// <summary>SPEC §3: evidence selection, nearest-poll extrapolation and the three report windows.</summary>
public static class UptimeCalculator
{
    // ENGINE-HELPER: implement.

    /// <summary>Up and down business time in the last hour, day and week before <paramref name="now"/>.
    /// Polls after <paramref name="now"/> are ignored. Zero totals when no poll is at or before now.</summary>
    public static UptimeTotals Compute(PollTimeline polls, BusinessSchedule schedule, Instant now) => throw new NotImplementedException();

    /// <summary>The business time in <c>[from, to)</c> as status segments, using evidence up to <paramref name="now"/>.</summary>
    public static IReadOnlyList<StatusSegment> Segments(PollTimeline polls, BusinessSchedule schedule, Instant from, Instant to, Instant now) => throw new NotImplementedException();
}
