using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>Collects pieces as <see cref="StatusSegment"/>s, joining a piece to the previous one when they touch and agree.</summary>
internal readonly struct SegmentListSink() : IStatusSink
{
    public List<StatusSegment> Segments { get; } = [];

    public void Add(long start, long end, PollStatus status)
    {
        if (Segments.Count > 0)
        {
            var last = Segments[^1];
            if (last.Status == status && last.End == UnixNanos.ToInstant(start))
            {
                Segments[^1] = last with { End = UnixNanos.ToInstant(end) };
                return;
            }
        }

        Segments.Add(new StatusSegment(UnixNanos.ToInstant(start), UnixNanos.ToInstant(end), status));
    }
}
