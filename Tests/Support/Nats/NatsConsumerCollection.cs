namespace StoreMonitor.Tests.Support.Nats;

/// <summary>
/// The test classes whose hosts run a NATS consumer. The consumer's counters are on the process-wide
/// <c>StoreMonitor</c> meter, and each host's <c>/metrics</c> counts every measurement made while it runs, its own or
/// another host's in this test process: a class asserting what its consumer counted fails when another class's
/// consumer delivers meanwhile (a dead-letter test once read 2,124 messages consumed instead of its 6). So they run one
/// at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NatsConsumerCollection
{
    public const string Name = "NATS consumers";
}
