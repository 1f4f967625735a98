namespace StoreMonitor.Grains.Storage;

/// <summary>
/// Where a grain's state is stored: the key parameters of the provider's read, write and clear statements, named as
/// it names them.
/// </summary>
internal sealed record StateKey(
    int GrainIdHash,
    long GrainIdN0,
    long GrainIdN1,
    int GrainTypeHash,
    string GrainTypeString,
    string? GrainIdExtensionString,
    string ServiceId);
