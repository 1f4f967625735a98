using Microsoft.Extensions.Configuration;

namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// The settings of the cluster side, bound once from configuration and validated: what the hosts need while they
/// are being built (storage kind, cluster ports) and what the grains read at run time. The host that reads the CSVs
/// binds the ingestion settings beside these (<c>StoreMonitor.Ingestion.IngestionOptions</c>).
/// </summary>
public sealed record StoreMonitorSettings(StoreMonitorSiloOptions Silo, ClusterSettings Cluster)
{
    public static StoreMonitorSettings Bind(IConfiguration configuration) => new(
        configuration.GetSection(StoreMonitorSiloOptions.SectionName).Get<StoreMonitorSiloOptions>() ?? new(),
        configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new());

    /// <summary>Every reason the settings cannot be used, each naming its configuration key; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!StorageKinds.IsSupported(Silo.Storage))
        {
            problems.Add($"StoreMonitor:Storage '{Silo.Storage}' is not supported; use one of: {string.Join(", ", StorageKinds.All)}.");
        }

        if (Silo.ReportConcurrencyPerPartition < 1)
        {
            problems.Add("StoreMonitor:ReportConcurrencyPerPartition must be at least 1.");
        }

        if (Silo.ReportSliceStores is < 1 or > StoreMonitorSiloOptions.MaxReportSliceStores)
        {
            problems.Add($"StoreMonitor:ReportSliceStores must be between 1 and {StoreMonitorSiloOptions.MaxReportSliceStores} (a slice's rows are one stored piece).");
        }

        var retention = Silo.ReportRetention;
        if (retention.KeepFor <= TimeSpan.Zero)
        {
            problems.Add("StoreMonitor:ReportRetention:KeepFor must be positive.");
        }

        if (retention.KeepAtLeast < 1 || retention.KeepAtMost < retention.KeepAtLeast)
        {
            problems.Add($"StoreMonitor:ReportRetention:KeepAtLeast must be at least 1 and KeepAtMost at least KeepAtLeast (they are {retention.KeepAtLeast} and {retention.KeepAtMost}).");
        }

        if (Silo.ClearedState.KeptFor < TimeSpan.Zero)
        {
            problems.Add("StoreMonitor:ClearedState:KeptFor must not be negative.");
        }

        if (Silo.ClearedState.PurgeInterval <= TimeSpan.Zero)
        {
            problems.Add("StoreMonitor:ClearedState:PurgeInterval must be positive.");
        }

        if (Silo.MaxConcurrentReports < 1)
        {
            problems.Add("StoreMonitor:MaxConcurrentReports must be at least 1.");
        }

        if (Silo.IngestionLeaseDuration < StoreMonitorSiloOptions.MinimumIngestionLeaseDuration)
        {
            problems.Add($"StoreMonitor:IngestionLeaseDuration must be at least {StoreMonitorSiloOptions.MinimumIngestionLeaseDuration:c} (leases are renewed every 15 s).");
        }

        if (Cluster.MetricsPort is < 0 or > 65535)
        {
            problems.Add($"StoreMonitor:Cluster:MetricsPort must be a TCP port, 1 to 65535 (0: no metrics endpoint), not {Cluster.MetricsPort}.");
        }

        if (Cluster.MetricsPort > 0 && string.IsNullOrWhiteSpace(Cluster.MetricsHost))
        {
            problems.Add("StoreMonitor:Cluster:MetricsHost must name the address the metrics endpoint listens on.");
        }

        problems.AddRange(Silo.Live.Problems());

        if (Silo.RetentionDays < 0)
        {
            problems.Add("StoreMonitor:RetentionDays must not be negative (0 keeps every poll).");
        }

        if (!string.Equals(Cluster.Mode, ClusterSettings.EmbeddedMode, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Cluster.Mode, ClusterSettings.ClientMode, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"StoreMonitor:Cluster:Mode '{Cluster.Mode}' is not supported; use '{ClusterSettings.EmbeddedMode}' or '{ClusterSettings.ClientMode}'.");
        }

        if (string.IsNullOrWhiteSpace(Cluster.ServiceId))
        {
            problems.Add("StoreMonitor:Cluster:ServiceId must not be empty: grain state is keyed by it.");
        }

        return problems;
    }
}
