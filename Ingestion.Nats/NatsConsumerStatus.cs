using NodaTime;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>Where the consumer of polls stands, for the health check: what it is doing now and the last thing that went wrong.</summary>
public enum NatsConsumerState
{
    /// <summary>No <c>StoreMonitor:Live:Nats:Url</c>: no consumer, no connection.</summary>
    Off,

    /// <summary>Connecting, or setting the streams and the consumer up.</summary>
    Connecting,

    /// <summary>Connected, and the durable consumer delivers.</summary>
    Consuming,

    /// <summary>The connection was lost; the client connects again on its own.</summary>
    Reconnecting,
}

/// <summary>
/// The consumer's state as it changes, written by the consumer and read by the health check (one writer, any readers:
/// each value is swapped whole).
/// </summary>
public sealed class NatsConsumerStatus
{
    private volatile Snapshot _current = new(NatsConsumerState.Off, null, null, null);

    public Snapshot Current => _current;

    internal void Enter(NatsConsumerState state) => _current = _current with { State = state };

    internal void Failed(string error, Instant at) => _current = _current with { LastError = error, LastErrorAt = at };

    internal void BatchDone(Instant at) => _current = _current with { LastBatchAt = at };

    /// <param name="State">What the consumer is doing.</param>
    /// <param name="LastError">The last failure (connection, a push, a dead letter), with <paramref name="LastErrorAt"/>; it stays once resolved, as history.</param>
    /// <param name="LastErrorAt">When <paramref name="LastError"/> happened.</param>
    /// <param name="LastBatchAt">When the consumer last finished a batch of messages.</param>
    public sealed record Snapshot(NatsConsumerState State, string? LastError, Instant? LastErrorAt, Instant? LastBatchAt);
}
