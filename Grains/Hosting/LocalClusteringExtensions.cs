using System.Net;

namespace StoreMonitor.Grains.Hosting;

public static class LocalClusteringExtensions
{
    /// <summary>
    /// Joins (or, with no primary silo port, starts) a cluster of silos on this machine, with the service and
    /// cluster ids of <paramref name="cluster"/>: the API's embedded silo and the standalone Silo host alike.
    /// </summary>
    public static ISiloBuilder UseStoreMonitorLocalClustering(this ISiloBuilder silo, ClusterSettings cluster)
    {
        var primary = cluster.PrimarySiloPort == 0 ? null : new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort);
        return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
    }
}
