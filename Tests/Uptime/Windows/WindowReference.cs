using NodaTime;
using NodaTime.TimeZones;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Tests.Uptime.Windows;

/// <summary>
/// A naive reading of SPEC R5–R7 and R10 for any window, independent of the engine's single pass: each window is
/// walked on its own, in 30-second cells sampled 15 seconds in, which is exact when every boundary lies on whole
/// minutes or half minutes (polls and window bounds at whole minutes, so midpoints at half minutes; hours and zone
/// offsets at whole minutes). Openings are every row of every date, resolved with NodaTime's lenient resolver and
/// never merged; an instant is open when some opening that started at or before it closes after it.
/// </summary>
internal sealed class WindowReference
{
    private const long Cell = 30 * NanosPerSecond;
    private const long NanosPerSecond = 1_000_000_000;

    private readonly bool alwaysOpen;
    private readonly List<(long Open, long Close)> openings = [];

    public WindowReference(IReadOnlyList<BusinessHoursRow> rows, DateTimeZone zone, Instant from, Instant to)
    {
        alwaysOpen = rows.Count == 0;
        for (var date = from.InUtc().Date.PlusDays(-3); date <= to.InUtc().Date.PlusDays(3); date = date.PlusDays(1))
        {
            foreach (var row in rows.Where(r => r.Day == date.DayOfWeek))
            {
                var closeDate = row.End > row.Start ? date : date.PlusDays(1);
                openings.Add((Nanos(zone.ResolveLocal(date + row.Start, Resolvers.LenientResolver).ToInstant()),
                              Nanos(zone.ResolveLocal(closeDate + row.End, Resolvers.LenientResolver).ToInstant())));
            }
        }

        openings.Sort();
    }

    public bool IsOpen(long at) => alwaysOpen || openings.Exists(o => o.Open <= at && at < o.Close);

    /// <summary>Up and down nanoseconds of <c>[from, to)</c> for a report as of <paramref name="now"/>.</summary>
    public (long Up, long Down) Compute(IEnumerable<(Instant At, PollStatus Status)> rawPolls, Instant now, Instant from, Instant to)
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

        long up = 0, down = 0;
        if (evidence.Count == 0)
        {
            return (up, down);
        }

        int next = 0; // first evidence poll after the sample
        int started = 0; // openings that opened at or before the sample
        long latestClose = long.MinValue; // the latest close among them: open iff it is after the sample
        for (long cell = Nanos(from); cell < Nanos(to); cell += Cell)
        {
            long sample = cell + (Cell / 2);
            while (started < openings.Count && openings[started].Open <= sample)
            {
                latestClose = Math.Max(latestClose, openings[started++].Close);
            }

            if (!alwaysOpen && latestClose <= sample)
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
            if (status == PollStatus.Active)
            {
                up += Cell;
            }
            else
            {
                down += Cell;
            }
        }

        return (up, down);
    }

    private static long Nanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
