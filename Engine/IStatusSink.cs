using StoreMonitor.Engine.Model;

namespace StoreMonitor.Engine;

/// <summary>
/// Receives the pieces of business time the extrapolation produces, in order and without overlap.
/// Implemented by structs so the sweep is specialised per use and allocates nothing.
/// </summary>
internal interface IStatusSink
{
    void Add(long start, long end, PollStatus status);
}
