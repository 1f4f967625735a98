using Microsoft.Extensions.Logging;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Uploads;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// Removes the poll drops (uploads in <c>inbox/</c>, hourly <c>store_status*.csv</c> files) that a completed run applied
/// whole longer ago than <c>StoreMonitor:Inbox:Retention</c>. Each drop is read once, and its polls live on in the
/// stores, so past the retention the file and its record would only grow the directory and the ledger. Removing means
/// deleting: an archive folder would grow the same way. <c>store_status.csv</c> and the hours and zone files stay.
/// </summary>
internal sealed class DropRetention(TimeSpan retention, Instant now, ILogger logger)
{
    private readonly Duration _retention = Duration.FromTimeSpan(retention);

    /// <summary>
    /// Whether the drop of <paramref name="record"/> is to be removed now: its record is from a completed run that
    /// applied it without a file error, longer ago than the retention. The caller checks that the file is still as
    /// recorded; a changed drop is read again, not removed.
    /// </summary>
    public bool IsDue(IngestedFile record) =>
        _retention > Duration.Zero
        && InputFiles.IsPollDrop(record.Path)
        && record.RetainedSince is { } since
        && now - since >= _retention;

    /// <summary>
    /// Removes the due drops among the files a run left unread (<paramref name="records"/>, as the run will record them)
    /// and marks their tallies removed. The result is what the run then records: a removed drop has no record, so the
    /// ledger stays as small as the directory. The file goes first: if the run's record is then never written (its
    /// host dies), the next run finds the file gone and drops its record; the other way round, it would read it again.
    /// </summary>
    public IngestedFile[] RemoveDue(IReadOnlyList<IngestedFile> records, IReadOnlyList<FileTally> tallies)
    {
        var unread = tallies.Where(tally => tally.Unchanged).ToDictionary(tally => tally.File, StringComparer.Ordinal);
        var kept = new List<IngestedFile>(records.Count);
        foreach (var record in records)
        {
            if (!unread.TryGetValue(record.Path, out var tally) || !IsDue(record) || !FilePlanner.IsAsRecorded(record.Path, record))
            {
                kept.Add(record);
            }
            else if (TryRemove(record))
            {
                tally.Removed = true;
            }
            else
            {
                // Tried again one retention later, not on every scan (a read-only directory would fail each time).
                kept.Add(record with { RetainedSince = now });
            }
        }

        return [.. kept];
    }

    private bool TryRemove(IngestedFile record)
    {
        try
        {
            File.Delete(record.Path);
            // Durable before the record goes: a drop that came back after a power cut, unrecorded, would be read again.
            DirectoryFlush.Flush(Path.GetDirectoryName(record.Path)!);
            logger.LogInformation("Removed {File}: applied by run {RunId} more than {Retention} ago (StoreMonitor:Inbox:Retention)", record.Path, record.RunId, retention);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(error, "Could not remove {File} past its retention; trying again in {Retention} (set StoreMonitor:Inbox:Retention to 00:00:00 to keep drops)", record.Path, retention);
            return false;
        }
    }
}
