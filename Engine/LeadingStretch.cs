using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// The business time before a store's evidence begins (a quarter's window over a store polled for a week) all takes the
/// first evidence poll's status, so it needs no sweep: only how much business time lies between each pair of window
/// boundaries, which <see cref="OpenTime"/> measures in whole weeks. Found only when a span is long enough to gain.
/// </summary>
internal ref struct LeadingStretch
{
    // Shorter stretches (the SPEC windows' week) are swept as they always were.
    private const long MinimumLength = 2 * UnixNanos.PerWeek;

    private readonly PollTimeline polls;
    private readonly BusinessSchedule schedule;
    private readonly long now;
    private bool looked;
    private bool known;
    private long until;
    private PollStatus status;

    public LeadingStretch(PollTimeline polls, BusinessSchedule schedule, long now)
    {
        this.polls = polls;
        this.schedule = schedule;
        this.now = now;
    }

    /// <summary>Adds the leading stretch's part of <paramref name="span"/> to <paramref name="sink"/> and answers where the sweep takes over.</summary>
    public long Add(NanoInterval span, ref WindowSetSink sink)
    {
        if (span.End - span.Start < MinimumLength)
        {
            return span.Start;
        }

        if (!looked)
        {
            known = ExtrapolationSweep.TryLeadingStatus(polls, schedule, now, out until, out status);
            looked = true;
        }

        long stretchEnd = Math.Min(span.End, until);
        if (!known || stretchEnd - span.Start < MinimumLength)
        {
            return span.Start;
        }

        long at = span.Start;
        while (at < stretchEnd)
        {
            long cut = Math.Min(stretchEnd, sink.NextBoundaryAfter(at));
            sink.AddBetween(at, cut, OpenTime.Measure(schedule, at, cut), status);
            at = cut;
        }

        return stretchEnd;
    }
}
