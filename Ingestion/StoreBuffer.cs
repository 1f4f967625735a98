using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion;

/// <summary>What one ingestion run has read about one store so far, kept compact (two arrays for polls, grown by half).</summary>
internal sealed class StoreBuffer
{
    private long[] _ticks = [];
    private PollStatus[] _statuses = [];

    public int PollCount { get; private set; }

    public List<BusinessHoursRow>? Hours { get; set; }

    public List<SpecialHoursRow>? SpecialHours { get; set; }

    public string? ZoneId { get; set; }

    public long ZoneLine { get; set; }

    public void AddPoll(long unixTicks, PollStatus status)
    {
        if (PollCount == _ticks.Length)
        {
            // Grown by half, not doubled: a store's polls stop anywhere between two sizes, and doubling left the arrays
            // of a typical store (133 polls in 8 days) at 256, nearly twice the memory the polls need.
            var capacity = Math.Max(8, PollCount + (PollCount / 2));
            Array.Resize(ref _ticks, capacity);
            Array.Resize(ref _statuses, capacity);
        }

        _ticks[PollCount] = unixTicks;
        _statuses[PollCount] = status;
        PollCount++;
    }

    public long[] PollTicks() => _ticks.AsSpan(0, PollCount).ToArray();

    public PollStatus[] PollStatuses() => _statuses.AsSpan(0, PollCount).ToArray();

    /// <summary>Drops the poll arrays once they are sent, so a large run does not hold them twice.</summary>
    public void ReleasePolls()
    {
        _ticks = [];
        _statuses = [];
    }
}
