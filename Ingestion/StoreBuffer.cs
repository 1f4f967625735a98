using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion;

/// <summary>What one ingestion run has read about one store so far, kept compact (one array for polls, grown by half).</summary>
internal sealed class StoreBuffer(string storeId)
{
    // A poll is its instant and status in one long: ticks × 2 + status. One array, not two, so that adding a poll
    // touches one array: a row of the polls file is a store picked at random, and its array is rarely in a cache.
    // Unix ticks of the instants a poll can have (years 1 to 9999) lie between -6.3e17 and 2.6e18, so doubled they
    // stay within a long; the one bit left holds the status, which is active or inactive.
    private const int StatusBits = 1;
    private const long StatusMask = (1 << StatusBits) - 1;

    private long[] _polls = [];

    public string StoreId { get; } = storeId;

    public int PollCount { get; private set; }

    public List<BusinessHoursRow>? Hours { get; set; }

    public List<SpecialHoursRow>? SpecialHours { get; set; }

    public string? ZoneId { get; set; }

    public long ZoneLine { get; set; }

    public void AddPoll(long unixTicks, PollStatus status)
    {
        if (PollCount == _polls.Length)
        {
            // Grown by half, not doubled: a store's polls stop anywhere between two sizes, and doubling left the array
            // of a typical store (133 polls in 8 days) at 256, nearly twice the memory the polls need.
            Array.Resize(ref _polls, Math.Max(8, PollCount + (PollCount / 2)));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)status, StatusMask);
        _polls[PollCount] = (unixTicks << StatusBits) | (long)status;
        PollCount++;
    }

    /// <summary>Starts loading where the next poll goes (past the array's end when it is full, which is harmless).</summary>
    public void PrefetchNextPoll() => CachePrefetch.Element(_polls, PollCount);

    public long[] PollTicks()
    {
        var ticks = new long[PollCount];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = _polls[i] >> StatusBits;
        }

        return ticks;
    }

    public PollStatus[] PollStatuses()
    {
        var statuses = new PollStatus[PollCount];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (PollStatus)(_polls[i] & StatusMask);
        }

        return statuses;
    }

    /// <summary>Drops the poll array once it is sent, so a large run does not hold it twice.</summary>
    public void ReleasePolls() => _polls = [];
}
