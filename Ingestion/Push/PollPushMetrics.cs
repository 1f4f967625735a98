using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Ingestion.Push;

/// <summary>
/// Pushed polls on the <c>StoreMonitor</c> meter, apart from file rows: Prometheus shows
/// <c>storemonitor_polls_pushed_accepted_total</c>, <c>…_duplicate_total</c> and <c>…_rejected_total</c>, each tagged with
/// the push's <c>source</c> (<c>http</c> for <c>POST /polls</c>, <c>nats</c> for the JetStream consumer).
/// </summary>
public static class PollPushMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        "storemonitor.polls.pushed.accepted", "{poll}", "Pushed polls that were new to their store (POST /polls, NATS).");

    private static readonly Counter<long> Duplicate = Meter.CreateCounter<long>(
        "storemonitor.polls.pushed.duplicate", "{poll}", "Pushed polls their store already had.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "storemonitor.polls.pushed.rejected", "{poll}", "Pushed items that could not be read as a poll.");

    /// <summary>Counts the items of a body that was answered: refused as a whole or not, its rejected items were judged.</summary>
    public static void RecordRejected(long rejected, PollPushSource source) => Rejected.Add(rejected, source.Tag);

    internal static void RecordStored(long accepted, long duplicates, PollPushSource source)
    {
        Accepted.Add(accepted, source.Tag);
        Duplicate.Add(duplicates, source.Tag);
    }
}
