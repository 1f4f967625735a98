namespace StoreMonitor.Bench.Generation;

/// <summary>How often the platform polls one store, and how much each poll wanders from its slot.</summary>
internal readonly record struct PollCadence(double IntervalMinutes, double JitterMinutes)
{
    /// <summary>
    /// The fleet mix. Hourly is the norm, a few stores are watched closely, many only every few hours; the shares are
    /// tuned so the fleet averages about 16.5 polls per store per day, like the reference dataset (1.85 M polls,
    /// 14,000 stores, 8 days).
    /// </summary>
    public static PollCadence ForStore(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.03 => new PollCadence(Between(random, 10, 20), 1.5),
            < 0.42 => new PollCadence(Between(random, 58, 62), 4),
            < 0.72 => new PollCadence(Between(random, 90, 150), 6),
            _ => new PollCadence(Between(random, 180, 360), 10),
        };
    }

    private static double Between(Random random, double low, double high) => low + ((high - low) * random.NextDouble());
}
