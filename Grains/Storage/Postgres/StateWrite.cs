namespace StoreMonitor.Grains.Storage.Postgres;

/// <summary>
/// One grain-state write: the parameters of the provider's <c>WriteToStorageKey</c> statement, named as it names
/// them. <see cref="ExpectedVersion"/> is null for a grain never written.
/// </summary>
internal sealed record StateWrite(
    int GrainIdHash,
    long GrainIdN0,
    long GrainIdN1,
    int GrainTypeHash,
    string GrainTypeString,
    string? GrainIdExtensionString,
    string ServiceId,
    int? ExpectedVersion,
    byte[] Payload);
