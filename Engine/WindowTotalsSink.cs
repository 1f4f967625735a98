using NodaTime;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Sums pieces of the week window into all three report windows at once. The windows are nested and share
/// their end (now), so each piece adds to the week whole and to the day and hour as far as it reaches into them.
/// </summary>
internal struct WindowTotalsSink(long dayStart, long hourStart) : IStatusSink
{
    private long upHour, upDay, upWeek, downHour, downDay, downWeek;

    public void Add(long start, long end, PollStatus status)
    {
        long week = end - start;
        long day = end - Math.Max(start, dayStart);
        long hour = end - Math.Max(start, hourStart);
        if (status == PollStatus.Active)
        {
            upWeek += week;
            upDay += Math.Max(day, 0);
            upHour += Math.Max(hour, 0);
        }
        else
        {
            downWeek += week;
            downDay += Math.Max(day, 0);
            downHour += Math.Max(hour, 0);
        }
    }

    public readonly UptimeTotals ToTotals() => new(
        Duration.FromNanoseconds(upHour),
        Duration.FromNanoseconds(upDay),
        Duration.FromNanoseconds(upWeek),
        Duration.FromNanoseconds(downHour),
        Duration.FromNanoseconds(downDay),
        Duration.FromNanoseconds(downWeek));
}
