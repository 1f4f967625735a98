using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Yields a store's evidence polls (docs/SEMANTICS.md#evidence) in time order, as far as one sweep needs them: the last evidence
/// poll before the swept span, the evidence polls inside it, and the first one after it (up to now).
/// Inside the span, "in hours" is read off the span's own open intervals, so no poll costs a zone look-up.
/// </summary>
internal ref struct EvidenceCursor
{
    private readonly ReadOnlySpan<long> ticks;
    private readonly ReadOnlySpan<PollStatus> statuses;
    private readonly ReadOnlySpan<NanoInterval> openInSpan;
    private readonly bool inHoursOnly;
    private readonly int middleEnd;
    private int before;
    private int middle;
    private int after;
    private int openIndex;

    /// <param name="before">Index of the evidence poll just before the span, or −1.</param>
    /// <param name="middleStart">First poll inside the span.</param>
    /// <param name="middleEnd">End (exclusive) of the polls inside the span.</param>
    /// <param name="after">Index of the first evidence poll after the span, or −1.</param>
    /// <param name="inHoursOnly">Whether polls inside the span must lie in <paramref name="openInSpan"/>.</param>
    public EvidenceCursor(
        ReadOnlySpan<long> ticks,
        ReadOnlySpan<PollStatus> statuses,
        ReadOnlySpan<NanoInterval> openInSpan,
        bool inHoursOnly,
        int before,
        int middleStart,
        int middleEnd,
        int after)
    {
        this.ticks = ticks;
        this.statuses = statuses;
        this.openInSpan = openInSpan;
        this.inHoursOnly = inHoursOnly;
        this.before = before;
        middle = middleStart;
        this.middleEnd = middleEnd;
        this.after = after;
        openIndex = 0;
    }

    public bool TryNext(out long at, out PollStatus status)
    {
        if (before >= 0)
        {
            (at, status) = Poll(before);
            before = -1;
            return true;
        }

        while (middle < middleEnd)
        {
            int index = middle++;
            if (!inHoursOnly || IsInSpanHours(UnixNanos.FromTicks(ticks[index])))
            {
                (at, status) = Poll(index);
                return true;
            }
        }

        if (after >= 0)
        {
            (at, status) = Poll(after);
            after = -1;
            return true;
        }

        at = 0;
        status = default;
        return false;
    }

    // Polls arrive in order, so the open interval cursor only moves forward.
    private bool IsInSpanHours(long at)
    {
        while (openIndex < openInSpan.Length && openInSpan[openIndex].End <= at)
        {
            openIndex++;
        }

        return openIndex < openInSpan.Length && openInSpan[openIndex].Start <= at;
    }

    private readonly (long At, PollStatus Status) Poll(int index) => (UnixNanos.FromTicks(ticks[index]), statuses[index]);
}
