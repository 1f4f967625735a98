using System.Runtime.CompilerServices;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Sums pieces of business time into any set of windows at once: each piece adds to every window as far as it
/// reaches into it. The windows may overlap, nest or lie apart; the sweep hands each piece over once. The bounds and
/// sums are held inline (no array, no allocation), for up to <see cref="UptimeCalculator.MaxWindows"/> windows.
/// </summary>
internal struct WindowSetSink : IStatusSink
{
    private readonly int count;
    private Nanos starts;
    private Nanos ends;
    private Nanos up;
    private Nanos down;

    /// <param name="windows">Each window's <c>[Start, End)</c> (Unix nanoseconds).</param>
    public WindowSetSink(ReadOnlySpan<NanoInterval> windows)
    {
        count = windows.Length;
        for (var i = 0; i < count; i++)
        {
            starts[i] = windows[i].Start;
            ends[i] = windows[i].End;
        }
    }

    public void Add(long start, long end, PollStatus status)
    {
        if (status == PollStatus.Active)
        {
            AddTo(ref up, start, end);
        }
        else
        {
            AddTo(ref down, start, end);
        }
    }

    private readonly void AddTo(ref Nanos totals, long start, long end)
    {
        for (var i = 0; i < count; i++)
        {
            long overlap = Math.Min(end, ends[i]) - Math.Max(start, starts[i]);
            if (overlap > 0)
            {
                totals[i] += overlap;
            }
        }
    }

    public readonly long Up(int window) => up[window];

    public readonly long Down(int window) => down[window];

    [InlineArray(UptimeCalculator.MaxWindows)]
    private struct Nanos
    {
        private long first;
    }
}
