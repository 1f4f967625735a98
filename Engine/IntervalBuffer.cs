using System.Buffers;

namespace StoreMonitor.Engine;

/// <summary>
/// Scratch space for open intervals: the caller's stack memory when it is big enough (the usual case, a few
/// rows a day), otherwise an array from the shared pool, returned on <see cref="Dispose"/>.
/// </summary>
internal ref struct IntervalBuffer
{
    /// <summary>Intervals worth of stack (2 KiB) a caller should offer.</summary>
    public const int StackLimit = 128;

    private NanoInterval[]? rented;

    public IntervalBuffer(int capacity, Span<NanoInterval> stack)
    {
        if (capacity <= stack.Length)
        {
            Span = stack[..capacity];
            rented = null;
        }
        else
        {
            rented = ArrayPool<NanoInterval>.Shared.Rent(capacity);
            Span = rented.AsSpan(0, capacity);
        }
    }

    public Span<NanoInterval> Span { get; }

    public void Dispose()
    {
        if (rented is not null)
        {
            ArrayPool<NanoInterval>.Shared.Return(rented);
            rented = null;
        }
    }
}
