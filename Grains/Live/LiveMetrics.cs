using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Grains.Live;

/// <summary>Live events on the <c>StoreMonitor</c> meter, in the silo that derives and sends them.</summary>
public static class LiveMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

    private static readonly Counter<long> Emitted = Meter.CreateCounter<long>(
        "storemonitor.live.events", "{event}", "Live events stores sent to their silo's notifier, by kind.");

    private static readonly Counter<long> Sent = Meter.CreateCounter<long>(
        "storemonitor.live.events.sent", "{event}", "Live events the notifier sent to the listening hosts and sinks, in batches.");

    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "storemonitor.live.events.dropped", "{event}", "Live events the notifier dropped: its queue was full, or a host or sink refused them.");

    private static readonly Counter<long> SweptStores = Meter.CreateCounter<long>(
        "storemonitor.live.sweep.stores", "{store}", "Stores the boards' sweeps asked about silence.");

    public static void EventEmitted(string kind) => Emitted.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void EventsSent(int count) => Sent.Add(count);

    public static void EventsDropped(int count) => Dropped.Add(count);

    public static void StoresSwept(int count) => SweptStores.Add(count);
}
