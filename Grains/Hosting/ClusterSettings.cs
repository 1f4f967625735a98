namespace StoreMonitor.Grains.Hosting;

/// <summary>The <c>StoreMonitor:Cluster</c> section: how a host finds the rest of the cluster.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "StoreMonitor:Cluster";
    public const string EmbeddedMode = "embedded";
    public const string ClientMode = "client";

    /// <summary><c>embedded</c>: the API host runs a silo itself. <c>client</c>: it joins silos run by the Silo host.</summary>
    public string Mode { get; set; } = EmbeddedMode;

    /// <summary>Grain state rows are keyed by this id: keep it stable, or stored state is not found after a restart.</summary>
    public string ServiceId { get; set; } = "store-monitor";

    public string ClusterId { get; set; } = "store-monitor";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// With PostgreSQL membership: the address this silo publishes to the others (e.g. <c>127.0.0.1</c> when every
    /// silo runs on one machine). Empty: Orleans picks this machine's first network address.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>For a local multi-silo cluster: the silo port of the first silo, which the others join. 0 = this is the first.</summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>
    /// A Silo host's Prometheus endpoint, <c>http://{MetricsHost}:{MetricsPort}/metrics</c>. The silos record the
    /// store, report and Orleans metrics; an API host in client mode only exports its own. 0: no endpoint.
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>The address the silo's metrics endpoint listens on: loopback unless a scraper elsewhere needs it.</summary>
    public string MetricsHost { get; set; } = "127.0.0.1";
}
