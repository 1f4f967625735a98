namespace StoreMonitor.Grains.Storage;

/// <summary>A grain's stored row as the provider's <c>ReadFromStorageKey</c> returns it: a cleared state has no payload.</summary>
internal sealed record StoredState(byte[]? Payload, int? Version);
