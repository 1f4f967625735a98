using Microsoft.Extensions.Logging;
using StoreMonitor.Ingestion.Files;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion;

/// <summary>Streams what a run reads of its input files into a <see cref="DatasetCollector"/>, one tally per file.</summary>
internal sealed class DatasetReader(ILogger logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public (DatasetCollector Collector, List<FileTally> Tallies) Read(IReadOnlyList<FileReadPlan> plans, CancellationToken cancellationToken)
    {
        var collector = new DatasetCollector();
        var tallies = new List<FileTally>();
        // One pool across the files: each distinct store id becomes one string however often it appears.
        var storeIds = new StoreIdPool();
        foreach (var plan in plans.OrderBy(plan => plan.Kind))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (kind, path) = (plan.Kind, plan.Path);
            var tally = new FileTally(kind, path) { ReadFrom = plan.Start, Unchanged = plan.Unchanged };
            tallies.Add(tally);
            if (plan.Unchanged)
            {
                continue;
            }

            try
            {
                ReadFile(plan, collector, tally, storeIds);
            }
            catch (CsvFileException error)
            {
                // One unreadable file must not cost the valid data of the others. Polls read before the break
                // are valid and merge safely; a partial snapshot of hours or zones is dropped whole.
                collector.Discard(kind);

                tally.Error = kind == InputFileKind.StoreStatus
                    ? $"{error.Message}; the valid rows before it were kept"
                    : $"{error.Message}; nothing from this file was applied";
                logger.LogError("Ingestion: {Error}", tally.Error);
            }
        }

        return (collector, tallies);
    }

    private void ReadFile(FileReadPlan plan, DatasetCollector collector, FileTally tally, StoreIdPool storeIds)
    {
        var path = plan.Path;
        using var stream = plan.OpenRead();
        switch (plan.Kind)
        {
            case InputFileKind.StoreStatus:
                using (new Timer(_ => logger.LogInformation("Ingestion: {Rows:N0} poll rows read from {File}", collector.PollRows, path), null, ProgressInterval, ProgressInterval))
                {
                    StoreStatusCsv.ReadPart(stream, path, collector.PollSink(tally), storeIds, plan.StartLines);
                }

                break;
            case InputFileKind.BusinessHours:
                BusinessHoursCsv.Read(stream, path, collector.HoursSink(tally), storeIds);
                break;
            case InputFileKind.TimeZones:
                TimeZoneCsv.Read(stream, path, collector.ZoneSink(tally), storeIds);
                break;
            case InputFileKind.SpecialHours:
                SpecialHoursCsv.Read(stream, path, collector.SpecialHoursSink(tally), storeIds);
                break;
        }
    }
}
