namespace StoreMonitor.Bench.Generation;

/// <summary>What one store's polling produced, for the summary.</summary>
internal readonly record struct PollTally(int Scheduled, int Written, int Inactive);

/// <summary>
/// Lays one store's polls over the window: a cadence with jitter, missed polls (mostly single, sometimes an
/// hours-long gap when the poller loses the store), and the status of each from the store's Markov process.
/// Polls run around the clock, as the real platform does, whatever the store's business hours.
/// </summary>
internal static class PollScheduleGenerator
{
    private const long MicrosPerMinute = 60_000_000L;
    private const double SingleMissShare = 0.025;
    private const double GapStartShare = 0.003;
    private const double WholeSecondShare = 0.003;

    public static PollTally Generate(
        int storeIndex, long windowMicros, PollCadence cadence, StatusProcess status, Random random, PollLog log)
    {
        var interval = cadence.IntervalMinutes * MicrosPerMinute;
        var jitter = Math.Min(cadence.JitterMinutes * MicrosPerMinute, interval * 0.4);
        var slot = random.NextDouble() * interval; // the store's phase in the polling round
        var previousHours = 0.0;
        long gapUntil = -1;
        int scheduled = 0, written = 0, inactive = 0;

        for (; slot <= windowMicros; slot += interval)
        {
            var at = (long)(slot + ((random.NextDouble() * 2 - 1) * jitter));
            if (at < 0 || at > windowMicros)
            {
                continue;
            }

            scheduled++;

            // The store's state moves on whether or not anyone looks at it.
            var hours = at / (double)(60 * MicrosPerMinute);
            var isInactive = status.Advance(hours - previousHours);
            previousHours = hours;

            if (at < gapUntil)
            {
                continue;
            }

            var roll = random.NextDouble();
            if (roll < GapStartShare)
            {
                gapUntil = at + (long)((2 + (8 * random.NextDouble())) * 60 * MicrosPerMinute);
                continue;
            }

            if (roll < GapStartShare + SingleMissShare)
            {
                continue;
            }

            if (random.NextDouble() < WholeSecondShare)
            {
                at -= at % 1_000_000;
            }

            log.Add(storeIndex, at, isInactive);
            written++;
            if (isInactive)
            {
                inactive++;
            }
        }

        return new PollTally(scheduled, written, inactive);
    }
}
