using NodaTime;

namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>
/// Who holds an ingestion lease: the process that runs the ingestion, named so that the cluster, or another process
/// on the same machine, can tell once it is gone and void its lease at once instead of waiting out the lease duration.
/// </summary>
/// <param name="Machine">The machine's host name.</param>
/// <param name="BootId">The machine's boot (Linux <c>/proc/sys/kernel/random/boot_id</c>; empty where unknown): a process of an earlier boot is gone.</param>
/// <param name="ProcessId">The process id, unique on the machine while the process lives.</param>
/// <param name="ProcessStartedAt">When the process started: with the id, it tells the process from a later one that reuses the id.</param>
/// <param name="Silo">The silo the process hosts (<c>SiloAddress.ToParsableString()</c>), for the embedded silo; null for a cluster client.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.LeaseHolder")]
public sealed record LeaseHolder(
    [property: Id(0)] string Machine,
    [property: Id(1)] string BootId,
    [property: Id(2)] int ProcessId,
    [property: Id(3)] Instant ProcessStartedAt,
    [property: Id(4)] string? Silo);
