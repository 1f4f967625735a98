namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// The silos a partition's placement picks from, in address order: those whose manifest says they host the grain, and
/// the active silos whose manifest has not reached this silo yet. A silo that just joined is active in the membership
/// a moment before its manifest arrives (fetched from it, under a second here, longer under load); a partition placed in
/// that moment without it would stay off that silo for good. Every silo of the service runs the same grains, so a silo
/// whose manifest is still on its way hosts them too; one whose manifest arrived and lacks the grain is left out.
/// </summary>
internal static class PartitionPlacementSilos
{
    public static SiloAddress[] Of(IEnumerable<SiloAddress> compatible, IEnumerable<SiloAddress> active, Func<SiloAddress, bool> manifestKnown) =>
        [.. compatible.Concat(active.Where(silo => !manifestKnown(silo))).Distinct().Order()];
}
