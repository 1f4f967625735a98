using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// The messages of the NATS consumer on the <c>StoreMonitor</c> meter; the polls they carry are counted with the other
/// pushed polls (<c>storemonitor_polls_pushed_*_total{source="nats"}</c>). Prometheus shows these as
/// <c>storemonitor_nats_messages_consumed_total</c>, <c>…_redelivered_total</c>, <c>…_dead_lettered_total</c> and
/// <c>…_retried_total</c>.
/// </summary>
internal static class NatsPollMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

    private static readonly Counter<long> Consumed = Meter.CreateCounter<long>(
        "storemonitor.nats.messages.consumed", "{message}", "Messages of polls delivered by the NATS consumer (each delivery).");

    private static readonly Counter<long> Redelivered = Meter.CreateCounter<long>(
        "storemonitor.nats.messages.redelivered", "{message}", "Deliveries of a message the consumer had been given before and not acknowledged.");

    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        "storemonitor.nats.messages.dead_lettered", "{message}", "Messages published to the dead-letter subject (no valid poll, or some invalid items).");

    private static readonly Counter<long> Retried = Meter.CreateCounter<long>(
        "storemonitor.nats.messages.retried", "{message}", "Messages handed back for a later delivery (ingestion busy, a store or the dead-letter stream failed).");

    public static void RecordDelivered(int messages, int redelivered)
    {
        Consumed.Add(messages);
        Redelivered.Add(redelivered);
    }

    public static void RecordDeadLettered() => DeadLettered.Add(1);

    public static void RecordRetried(int messages) => Retried.Add(messages);
}
