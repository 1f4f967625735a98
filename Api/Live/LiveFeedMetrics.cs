using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Api.Live;

/// <summary>The API host's live feed on the <c>StoreMonitor</c> meter.</summary>
public static class LiveFeedMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

    private static readonly Counter<long> ReceivedEvents = Meter.CreateCounter<long>(
        "storemonitor.live.feed.received", "{event}", "Live events this host received from the silos.");

    private static readonly Counter<long> DroppedEvents = Meter.CreateCounter<long>(
        "storemonitor.live.feed.dropped", "{event}", "Live events a subscriber of this host lost because it fell behind.");

    internal static void Received(int count) => ReceivedEvents.Add(count);

    internal static void Dropped(int count) => DroppedEvents.Add(count);
}
