using NodaTime;
using NodaTime.TimeZones;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime;

/// <summary>
/// An independent, deliberately naive reading of docs/SEMANTICS.md to check the engine against. Every opening of every
/// row is resolved with NodaTime's own lenient resolver and never merged; each date opens its special rows if it has
/// any (a store without weekly rows otherwise opens 00:00–24:00), else its weekday's rows; "open" is "some opening contains
/// the instant"; the status is the nearest evidence poll found by looking at both neighbours. The week is
/// walked in half-second cells sampled a quarter second in, which is exact whenever every boundary (polls at
/// whole seconds, so midpoints at half seconds; hours and offsets at whole minutes) lies on the cell grid.
/// </summary>
internal sealed class BruteForceReference
{
    private const long Cell = 500 * NanosPerMillisecond;
    private const long NanosPerMillisecond = 1_000_000;
    private const long NanosPerHour = 3_600_000_000_000;

    private readonly bool alwaysOpen;
    private readonly List<(long Open, long Close)> openings = [];

    public BruteForceReference(IReadOnlyList<BusinessHoursRow> rows, DateTimeZone zone, Instant from, Instant to, IReadOnlyList<SpecialHoursRow>? special = null)
    {
        special ??= [];
        alwaysOpen = rows.Count == 0 && special.Count == 0;
        var firstDate = from.InUtc().Date.PlusDays(-3);
        var lastDate = to.InUtc().Date.PlusDays(3);
        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            var day = date;
            var opens = special.Any(s => s.Date == day)
                ? special.Where(s => s.Date == day && !s.Closed).Select(s => (s.Start, s.End))
                : rows.Count == 0
                    ? [(LocalTime.Midnight, LocalTime.Midnight)]
                    : rows.Where(r => r.Day == day.DayOfWeek).Select(r => (r.Start, r.End));
            foreach (var (start, end) in opens)
            {
                var closeDate = end > start ? date : date.PlusDays(1);
                openings.Add((Nanos(zone.ResolveLocal(date + start, Resolvers.LenientResolver).ToInstant()),
                              Nanos(zone.ResolveLocal(closeDate + end, Resolvers.LenientResolver).ToInstant())));
            }
        }
    }

    public bool IsOpen(long at) => alwaysOpen || openings.Exists(o => o.Open <= at && at < o.Close);

    /// <summary>The first instant at or after <paramref name="at"/> that is open: itself, or the earliest opening after it
    /// (of those that open at all); null when none lies in the span the reference was built for.</summary>
    public long? FirstOpenAtOrAfter(long at)
    {
        if (IsOpen(at))
        {
            return at;
        }

        var later = openings.Where(o => o.Open > at && o.Open < o.Close).Select(o => (long?)o.Open);
        return later.Min();
    }

    /// <summary>Up and down nanoseconds for the last hour, day and week before <paramref name="now"/>.</summary>
    public (long[] Up, long[] Down) Compute(IEnumerable<(Instant At, PollStatus Status)> rawPolls, Instant now)
    {
        long end = Nanos(now);
        var polls = rawPolls
            .GroupBy(p => Nanos(p.At))
            .Select(g => (At: g.Key, Status: g.Any(p => p.Status == PollStatus.Inactive) ? PollStatus.Inactive : PollStatus.Active))
            .Where(p => p.At <= end)
            .OrderBy(p => p.At)
            .ToList();
        var evidence = polls.Where(p => IsOpen(p.At)).ToList();
        if (evidence.Count == 0)
        {
            evidence = polls;
        }

        long[] windowStarts = [end - NanosPerHour, end - (24 * NanosPerHour), end - (168 * NanosPerHour)];
        long[] up = new long[3], down = new long[3];
        if (evidence.Count == 0)
        {
            return (up, down);
        }

        int next = 0; // first evidence poll after the sample
        for (long cell = windowStarts[2]; cell < end; cell += Cell)
        {
            long sample = cell + (Cell / 2);
            if (!IsOpen(sample))
            {
                continue;
            }

            while (next < evidence.Count && evidence[next].At <= sample)
            {
                next++;
            }

            var status = next == 0 ? evidence[0].Status
                : next == evidence.Count ? evidence[^1].Status
                : (sample - evidence[next - 1].At <= evidence[next].At - sample ? evidence[next - 1].Status : evidence[next].Status);
            var totals = status == PollStatus.Active ? up : down;
            for (var w = 0; w < 3; w++)
            {
                if (cell >= windowStarts[w])
                {
                    totals[w] += Cell;
                }
            }
        }

        return (up, down);
    }

    private static long Nanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
