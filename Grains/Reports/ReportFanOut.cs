using Orleans.Configuration;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// How a report asks its partitions: stores per slice, store grains asked at once by each partition, and how long one
/// call waits for its slice before answering "still computing".
/// </summary>
public sealed record ReportFanOut(int SliceStores, int ConcurrencyPerPartition, TimeSpan SliceWait)
{
    // A third of the response timeout: the call's answer, even a late one, arrives well before the timeout, so a slow
    // store makes a report slower but never makes a call time out (and retry).
    public static ReportFanOut From(StoreMonitorSiloOptions silo, SiloMessagingOptions messaging) =>
        new(silo.ReportSliceStores, silo.ReportConcurrencyPerPartition, messaging.ResponseTimeout / 3);
}
