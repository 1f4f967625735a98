using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;

namespace StoreMonitor.Grains.Diagnostics;

/// <summary>
/// What the grains record on the <c>StoreMonitor</c> meter, in the silo that runs them. Hosts export it with
/// OpenTelemetry (Prometheus turns <c>storemonitor.reports</c> into <c>storemonitor_reports_total</c>). One static
/// meter per process, as Orleans does for its own: grains record without plumbing.
/// </summary>
public static class StoreMonitorMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

    private static readonly Counter<long> Reports = Meter.CreateCounter<long>(
        "storemonitor.reports", "{report}", "Finished reports, by outcome.");

    private static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>(
        "storemonitor.report.duration", "s", "How long a report took from start to outcome, including any wait for a running ingestion.");

    private static readonly Counter<long> ReportStores = Meter.CreateCounter<long>(
        "storemonitor.report.stores", "{store}", "Stores asked for their report row.");

    private static readonly UpDownCounter<long> StoreGrainsActive = Meter.CreateUpDownCounter<long>(
        "storemonitor.store.grains.active", "{grain}", "Store grains activated in this process.");

    public static void ReportFinished(bool succeeded, TimeSpan elapsed, int stores)
    {
        Reports.Add(1, StoreMonitorMeter.Outcome(succeeded));
        ReportDuration.Record(elapsed.TotalSeconds, StoreMonitorMeter.Outcome(succeeded));
        ReportStores.Add(stores);
    }

    public static void StoreGrainActivated() => StoreGrainsActive.Add(1);

    public static void StoreGrainDeactivated() => StoreGrainsActive.Add(-1);
}
