using System.Diagnostics.Metrics;
using StoreMonitor.Grains.Interfaces.Diagnostics;
using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Ingestion;

/// <summary>
/// What ingestion records on the <c>StoreMonitor</c> meter, in the host that reads the files (the API host). Prometheus
/// turns <c>storemonitor.ingestion.rows.accepted</c> into <c>storemonitor_ingestion_rows_accepted_total</c>.
/// </summary>
internal static class IngestionMetrics
{
    private static readonly Meter Meter = new(StoreMonitorMeter.Name);

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

    public static void IngestionFinished(IngestionSummary summary)
    {
        foreach (var file in summary.Files)
        {
            var tag = new KeyValuePair<string, object?>("file", file.File);
            RowsAccepted.Add(file.Accepted, tag);
            RowsDuplicate.Add(file.Duplicates, tag);
            RowsRejected.Add(file.Rejected, tag);
        }

        IngestionRuns.Add(1, StoreMonitorMeter.Outcome(summary.Error is null));
        IngestionDuration.Record((summary.FinishedAt - summary.StartedAt).TotalSeconds, StoreMonitorMeter.Outcome(summary.Error is null));
    }
}
