using System.Net;
using StoreMonitor.Grains.Hosting;

namespace StoreMonitor.Tests.Grains.Cluster;

/// <summary>
/// The silos a partition is placed among: a silo active in the membership whose manifest has not arrived yet counts (it
/// runs the same grains), so a partition placed in that moment does not stay off it for good; one whose manifest arrived
/// without the grain does not.
/// </summary>
public sealed class PartitionPlacementSilosTests
{
    private static readonly SiloAddress First = Silo(11111);
    private static readonly SiloAddress Second = Silo(22222);
    private static readonly SiloAddress Third = Silo(33333);

    [Fact]
    public void An_active_silo_whose_manifest_is_on_its_way_is_among_them_in_address_order()
    {
        var silos = PartitionPlacementSilos.Of([Third, First], [First, Second, Third], manifestKnown: silo => silo != Second);

        Assert.Equal([First, Second, Third], silos);
    }

    [Fact]
    public void An_active_silo_whose_manifest_lacks_the_grain_is_not()
    {
        var silos = PartitionPlacementSilos.Of([First, Third], [First, Second, Third], manifestKnown: _ => true);

        Assert.Equal([First, Third], silos);
    }

    [Fact]
    public void Compatible_silos_not_yet_active_in_this_silos_membership_view_are_kept()
    {
        var silos = PartitionPlacementSilos.Of([First, Second], [First], manifestKnown: _ => true);

        Assert.Equal([First, Second], silos);
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);
}
