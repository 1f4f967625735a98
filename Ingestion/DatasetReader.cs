using Microsoft.Extensions.Logging;
using StoreMonitor.Ingestion.Files;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Streams what a run reads of its input files into a <see cref="DatasetCollector"/>, one tally per file. The first
/// pass reads every file and counts every row; a run in several passes (<see cref="StorePass"/>) then reads its poll
/// files again for each further pass, collecting that pass's stores' polls and counting nothing twice.
/// </summary>
internal sealed class DatasetReader(ILogger logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The first pass: hours, zones and special hours whole, the polls of <paramref name="pass"/>'s stores, and the
    /// counts and rejections of every row.
    /// </summary>
    public (DatasetCollector Collector, List<FileTally> Tallies) Read(IReadOnlyList<FileReadPlan> plans, StorePass pass, CancellationToken cancellationToken)
    {
        var collector = new DatasetCollector();
        var tallies = new List<FileTally>();
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
                ReadFile(plan, collector, tally, pass);
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

    /// <summary>
    /// A further pass: the polls of <paramref name="pass"/>'s stores from the poll files the first pass read, through
    /// the same handles. Rows and rejections were counted by the first pass; a file that broke off there breaks off at
    /// the same line here, keeping the same rows before it.
    /// </summary>
    public void ReadPolls(IReadOnlyList<FileReadPlan> plans, DatasetCollector collector, StorePass pass, CancellationToken cancellationToken)
    {
        foreach (var plan in plans.Where(plan => plan.Kind == InputFileKind.StoreStatus && !plan.Unchanged))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var reread = plan.OpenReread();
            try
            {
                // Rows of other passes' stores are skipped on their id's bytes alone: a later pass costs little more than
                // splitting the lines.
                StoreStatusCsv.ReadPart(reread.Stream, plan.Path, collector.PollSink(pass), collector.StoreIds, plan.StartLines, pass.ContainsUtf8);
            }
            catch (CsvFileException)
            {
                // The first pass recorded this error and kept the rows before it, as this pass does.
            }

            reread.EnsureSameBytes();
        }
    }

    private void ReadFile(FileReadPlan plan, DatasetCollector collector, FileTally tally, StorePass pass)
    {
        var path = plan.Path;
        using var stream = plan.OpenRead();
        switch (plan.Kind)
        {
            case InputFileKind.StoreStatus:
                using (new Timer(_ => logger.LogInformation("Ingestion: {Rows:N0} poll rows read from {File}", collector.PollRows, path), null, ProgressInterval, ProgressInterval))
                {
                    StoreStatusCsv.ReadPart(stream, path, collector.PollSink(tally, pass), collector.StoreIds, plan.StartLines);
                }

                break;
            case InputFileKind.BusinessHours:
                BusinessHoursCsv.Read(stream, path, collector.HoursSink(tally), collector.StoreIds);
                break;
            case InputFileKind.TimeZones:
                TimeZoneCsv.Read(stream, path, collector.ZoneSink(tally), collector.StoreIds);
                break;
            case InputFileKind.SpecialHours:
                SpecialHoursCsv.Read(stream, path, collector.SpecialHoursSink(tally), collector.StoreIds);
                break;
        }
    }
}
