namespace StoreMonitor.Tests.Support;

/// <summary>
/// The test classes whose silos write through <see cref="FaultInjectingGrainStorage"/>. Its fault plans are keyed by
/// grain key across the whole test process, and every cluster has an ingestion ledger keyed 0: a plan one class
/// makes for its ledger would fail another class's ledger write if the two ran at once. So they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultInjectionCollection
{
    public const string Name = "Fault-injecting grain storage";
}
