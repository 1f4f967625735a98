namespace StoreMonitor.Grains.Storage;

/// <summary>
/// One grain-state write: the parameters of the provider's <c>WriteToStorageKey</c> statement.
/// <see cref="ExpectedVersion"/> is null for a grain never written.
/// </summary>
internal sealed record StateWrite(StateKey Key, int? ExpectedVersion, byte[] Payload);
