using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Grains.Diagnostics;

/// <summary>
/// The silos active in this silo's own membership view, as the gauge <c>storemonitor_cluster_active_silos</c>. A silo
/// learns of the others a moment after the membership table lists them (gossip, or its next read of the table), and
/// what it places in that moment (the index partitions) goes only to the silos it knows: <c>scripts/cluster.sh</c> waits
/// until every silo counts them all before it starts the API.
/// </summary>
internal sealed class ClusterViewMetrics(IClusterMembershipService membership) : IHostedService, IDisposable
{
    private readonly Meter _meter = new(StoreMonitorMeter.Name);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _meter.CreateObservableGauge(
            "storemonitor.cluster.active_silos",
            () => membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active),
            unit: "{silo}",
            description: "Silos active in this silo's membership view");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();
}
