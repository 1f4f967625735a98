using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using StoreMonitor.Grains.Hosting;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Grains.Diagnostics;

/// <summary>
/// The silos this silo can place an index partition on, as the gauge <c>storemonitor_cluster_placement_silos</c>: those
/// active in its own membership view whose grain manifest it holds, which is the set Orleans hands a placement director
/// as the compatible silos. A silo learns that another joined a moment after the membership table lists it (gossip, or
/// its next read of the table), and then fetches that silo's manifest, retried every few seconds while the silo is too
/// busy starting to answer. What it places before both (the index partitions the API's start-up ingestion wakes) goes
/// only to the silos it can count, and stays there: <c>scripts/cluster.sh</c> waits until every silo counts them all.
/// </summary>
internal sealed class ClusterViewMetrics(IClusterMembershipService membership, IClusterManifestProvider manifests) : IHostedService, IDisposable
{
    private readonly Meter _meter = new(StoreMonitorMeter.Name);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _meter.CreateObservableGauge(
            "storemonitor.cluster.placement_silos",
            PlacementSilos,
            unit: "{silo}",
            description: "Silos active in this silo's membership view whose manifest it holds, with the index partition grain");
        return Task.CompletedTask;
    }

    private int PlacementSilos()
    {
        var known = manifests.Current.Silos;
        return membership.CurrentSnapshot.Members.Values.Count(member =>
            member.Status == SiloStatus.Active
            && known.TryGetValue(member.SiloAddress, out var manifest)
            && manifest.Grains.ContainsKey(PartitionAffinityPlacementDirector.IndexPartition));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();
}
