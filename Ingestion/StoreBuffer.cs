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

    // The store's weekly hours: a list while its rows arrive, then (once another store's rows follow) an array in the
    // canonical order shared with every store of the same hours (SharedHours). A row that comes later still turns it
    // back into a list of its own.
    private List<BusinessHoursRow>? _hours;
    private BusinessHoursRow[]? _sharedHours;

    /// <summary>Whether the hours file gave this store any row.</summary>
    public bool HasHours => _hours is not null || _sharedHours is not null;

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

    /// <summary>Adds a row of the hours file; false when the store has it already (a store's hours are a union).</summary>
    public bool AddHours(BusinessHoursRow row)
    {
        if (_hours is null)
        {
            _hours = _sharedHours is null ? [] : [.. _sharedHours];
            _sharedHours = null;
        }

        if (_hours.Contains(row))
        {
            return false;
        }

        _hours.Add(row);
        return true;
    }

    /// <summary>Trades the store's own list of hours for the array shared with the stores of equal hours.</summary>
    public void ShareHours(SharedHours shared)
    {
        if (_hours is not null)
        {
            _sharedHours = shared.Share(_hours);
            _hours = null;
        }
    }

    /// <summary>The store's hours in their canonical order (none if the hours file gave it no row).</summary>
    public BusinessHoursRow[] CanonicalHours() => _sharedHours ?? (_hours is null ? [] : SharedHours.Canonical(_hours));

    /// <summary>Forgets what the hours file gave this store.</summary>
    public void DiscardHours()
    {
        _hours = null;
        _sharedHours = null;
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
