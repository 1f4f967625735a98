using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.Diagnostics;

/// <summary>
/// The service's own measurements, on the meter <c>StoreMonitor</c>. Hosts export them with OpenTelemetry
/// (Prometheus turns <c>storemonitor.ingestion.rows.accepted</c> into <c>storemonitor_ingestion_rows_accepted_total</c>).
/// One static meter per process, as Orleans does for its own: grains and the runner record without plumbing.
/// </summary>
public static class StoreMonitorMetrics
{
    public const string MeterName = "StoreMonitor";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RowsAccepted = Meter.CreateCounter<long>(
        "storemonitor.ingestion.rows.accepted", "{row}", "Input rows ingested (new polls, hours and zone rows).");

    private static readonly Counter<long> RowsDuplicate = Meter.CreateCounter<long>(
        "storemonitor.ingestion.rows.duplicate", "{row}", "Valid input rows that were already known.");

    private static readonly Counter<long> RowsRejected = Meter.CreateCounter<long>(
        "storemonitor.ingestion.rows.rejected", "{row}", "Input rows that could not be read (see GET /ingestion for reasons).");

    private static readonly Counter<long> IngestionRuns = Meter.CreateCounter<long>(
        "storemonitor.ingestion.runs", "{run}", "Finished ingestion runs, by outcome.");

    private static readonly Histogram<double> IngestionDuration = Meter.CreateHistogram<double>(
        "storemonitor.ingestion.duration", "s", "How long an ingestion run took.");

    private static readonly Counter<long> Reports = Meter.CreateCounter<long>(
        "storemonitor.reports", "{report}", "Finished reports, by outcome.");

    private static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>(
        "storemonitor.report.duration", "s", "How long a report took from start to outcome, including any wait for a running ingestion.");

    private static readonly Counter<long> ReportStores = Meter.CreateCounter<long>(
        "storemonitor.report.stores", "{store}", "Stores asked for their report row.");

    private static readonly UpDownCounter<long> StoreGrainsActive = Meter.CreateUpDownCounter<long>(
        "storemonitor.store.grains.active", "{grain}", "Store grains activated in this process.");

    public static void IngestionFinished(IngestionSummary summary)
    {
        foreach (var file in summary.Files)
        {
            var tag = new KeyValuePair<string, object?>("file", file.File);
            RowsAccepted.Add(file.Accepted, tag);
            RowsDuplicate.Add(file.Duplicates, tag);
            RowsRejected.Add(file.Rejected, tag);
        }

        IngestionRuns.Add(1, Outcome(summary.Error is null));
        IngestionDuration.Record((summary.FinishedAt - summary.StartedAt).TotalSeconds, Outcome(summary.Error is null));
    }

    public static void ReportFinished(bool succeeded, TimeSpan elapsed, int stores)
    {
        Reports.Add(1, Outcome(succeeded));
        ReportDuration.Record(elapsed.TotalSeconds, Outcome(succeeded));
        ReportStores.Add(stores);
    }

    public static void StoreGrainActivated() => StoreGrainsActive.Add(1);

    public static void StoreGrainDeactivated() => StoreGrainsActive.Add(-1);

    private static KeyValuePair<string, object?> Outcome(bool succeeded) => new("outcome", succeeded ? "succeeded" : "failed");
}
