namespace StoreMonitor.Bench.Generation;

/// <summary>
/// A store's true online/offline state as a two-state Markov process in continuous time. Rates, not per-poll
/// probabilities, so an outage lasts about as long on a store polled every 15 minutes as on one polled hourly —
/// it just shows up in more polls.
/// </summary>
internal sealed class StatusProcess
{
    private readonly Random _random;
    private readonly double _inactiveShare;
    private readonly double _ratePerHour;

    public StatusProcess(Random random, double inactiveShare, double meanOutageHours)
    {
        _random = random;
        _inactiveShare = inactiveShare;

        // Mean up-time follows from the share: inactive share = down / (up + down).
        var meanUpHours = meanOutageHours * (1 - inactiveShare) / inactiveShare;
        _ratePerHour = (1 / meanUpHours) + (1 / meanOutageHours);
        IsInactive = random.NextDouble() < inactiveShare;
    }

    public bool IsInactive { get; private set; }

    /// <summary>
    /// A store drawn from the fleet: most are reliable, some flaky, a few chronically down.
    /// The mix averages about 8% inactive; outages last one to four hours.
    /// </summary>
    public static StatusProcess ForStore(Random random)
    {
        var roll = random.NextDouble();
        var share = roll switch
        {
            < 0.70 => 0.02 + (0.05 * random.NextDouble()),
            < 0.95 => 0.08 + (0.10 * random.NextDouble()),
            _ => 0.25 + (0.20 * random.NextDouble()),
        };
        var meanOutageHours = 1.0 + (3.0 * random.NextDouble());
        return new StatusProcess(random, share, meanOutageHours);
    }

    /// <summary>Moves the state forward by <paramref name="hours"/> and returns it.</summary>
    public bool Advance(double hours)
    {
        // Exact for a two-state chain, however long the step: the chance of being down relaxes from 0 or 1
        // towards the stationary share. Sparse stores (polls hours apart) need that; a one-flip step would not do.
        var now = IsInactive ? 1.0 : 0.0;
        var pInactive = _inactiveShare + ((now - _inactiveShare) * Math.Exp(-_ratePerHour * hours));
        IsInactive = _random.NextDouble() < pInactive;
        return IsInactive;
    }
}
