using System.Runtime.CompilerServices;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Sums pieces of business time into any set of windows at once, at a cost that does not grow with the windows: it
/// keeps the running up and down totals of everything seen so far and notes them at every window boundary as the
/// pieces pass it (a piece that straddles a boundary is split there). A window's totals are then the running totals
/// at its end less those at its start. The pieces must come in time order, as the sweep hands them over; the windows
/// may overlap, nest or lie apart. Bounds and notes are held inline (no allocation), for up to
/// <see cref="UptimeCalculator.MaxWindows"/> windows.
/// </summary>
internal struct WindowSetSink : IStatusSink
{
    private readonly int boundaryCount;
    private Nanos boundaries;
    private Indexes startIndex;
    private Indexes endIndex;
    private Nanos upAt;
    private Nanos downAt;
    private long up;
    private long down;
    private int next;

    /// <param name="windows">Each window's <c>[Start, End)</c> (Unix nanoseconds).</param>
    public WindowSetSink(ReadOnlySpan<NanoInterval> windows)
    {
        Span<long> sorted = boundaries;
        for (var i = 0; i < windows.Length; i++)
        {
            sorted[2 * i] = windows[i].Start;
            sorted[(2 * i) + 1] = windows[i].End;
        }

        sorted = sorted[..(2 * windows.Length)];
        sorted.Sort();
        var unique = 0;
        foreach (var boundary in sorted)
        {
            if (unique == 0 || sorted[unique - 1] != boundary)
            {
                sorted[unique++] = boundary;
            }
        }

        boundaryCount = unique;
        for (var i = 0; i < windows.Length; i++)
        {
            startIndex[i] = sorted[..unique].BinarySearch(windows[i].Start);
            endIndex[i] = sorted[..unique].BinarySearch(windows[i].End);
        }
    }

    public void Add(long start, long end, PollStatus status)
    {
        NoteThrough(start);

        // Boundaries inside the piece split it.
        long from = start;
        while (next < boundaryCount && boundaries[next] < end)
        {
            AddLength(boundaries[next] - from, status);
            from = boundaries[next];
            Note();
        }

        AddLength(end - from, status);
    }

    /// <summary>The first window boundary after <paramref name="at"/>, or <see cref="long.MaxValue"/>.</summary>
    public readonly long NextBoundaryAfter(long at)
    {
        for (int i = next; i < boundaryCount; i++)
        {
            if (boundaries[i] > at)
            {
                return boundaries[i];
            }
        }

        return long.MaxValue;
    }

    /// <summary>
    /// Adds <paramref name="length"/> of business time lying somewhere in <c>[start, end)</c>, all of one status, as if it
    /// came piece by piece. No window boundary may lie strictly inside (see <see cref="NextBoundaryAfter"/>).
    /// </summary>
    public void AddBetween(long start, long end, long length, PollStatus status)
    {
        NoteThrough(start);

        if (next < boundaryCount && boundaries[next] < end)
        {
            throw new ArgumentException("A window boundary lies inside the span.", nameof(end));
        }

        AddLength(length, status);
    }

    /// <summary>Up and down business time of window <paramref name="window"/>, once every piece has been added.</summary>
    public WindowTotals Totals(int window)
    {
        // Boundaries after the last piece see the final totals.
        while (next < boundaryCount)
        {
            Note();
        }

        int from = startIndex[window], to = endIndex[window];
        return new WindowTotals(
            NodaTime.Duration.FromNanoseconds(upAt[to] - upAt[from]),
            NodaTime.Duration.FromNanoseconds(downAt[to] - downAt[from]));
    }

    private void AddLength(long length, PollStatus status)
    {
        if (status == PollStatus.Active)
        {
            up += length;
        }
        else
        {
            down += length;
        }
    }

    /// <summary>Notes the boundaries up to <paramref name="at"/>: the totals there are those so far.</summary>
    private void NoteThrough(long at)
    {
        while (next < boundaryCount && boundaries[next] <= at)
        {
            Note();
        }
    }

    private void Note()
    {
        upAt[next] = up;
        downAt[next] = down;
        next++;
    }

    // Two boundaries per window.
    [InlineArray(2 * UptimeCalculator.MaxWindows)]
    private struct Nanos
    {
        private long first;
    }

    [InlineArray(UptimeCalculator.MaxWindows)]
    private struct Indexes
    {
        private int first;
    }
}
