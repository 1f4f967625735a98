using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// Reads <c>store_status.csv</c> (columns <c>store_id</c>, <c>status</c>, <c>timestamp_utc</c>, in any order) into
/// <see cref="PollRow"/>s, streaming: the file is never held in memory. Bad rows are rejected with their line and
/// reason; a file without the required columns throws <see cref="CsvFileException"/>. Blank lines are skipped
/// silently and are not rows (they carry no data, and editors add them at the end of files).
/// </summary>
public static class StoreStatusCsv
{
    /// <summary>Reads UTF-8 bytes: the fastest way, for the polls file with its millions of rows.</summary>
    public static CsvReadCounts Read(Stream utf8, string fileName, IRowSink<PollRow> sink, StoreIdPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<PollRow>.Open(utf8, fileName, sink);
        return Read(table, storeIds ?? new StoreIdPool());
    }

    /// <summary>
    /// Reads the part of a polls file after its first <paramref name="linesBefore"/> lines: <paramref name="utf8"/> is the
    /// header line followed by that part. Rejections carry the file's own line numbers.
    /// </summary>
    public static CsvReadCounts ReadPart(Stream utf8, string fileName, IRowSink<PollRow> sink, StoreIdPool storeIds, long linesBefore)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<PollRow>.OpenPart(utf8, fileName, sink, linesBefore);
        return Read(table, storeIds);
    }

    public static CsvReadCounts Read(TextReader text, string fileName, IRowSink<PollRow> sink, StoreIdPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var table = CsvTable<PollRow>.Open(text, fileName, sink);
        return Read(table, storeIds ?? new StoreIdPool());
    }

    private static CsvReadCounts Read(CsvTable<PollRow> table, StoreIdPool storeIds)
    {
        var storeId = table.Column("store_id");
        var status = table.Column("status");
        var timestamp = table.Column("timestamp_utc");
        while (table.MoveNext())
        {
            if (!StoreIdField.Check(table, storeId))
            {
                continue;
            }

            if (table[status].IsEmpty)
            {
                table.RejectMissing(status);
            }
            else if (!PollStatusText.TryParse(table[status], out var pollStatus))
            {
                table.Reject($"{table.Quote(status)} is neither 'active' nor 'inactive'");
            }
            else if (table[timestamp].IsEmpty)
            {
                table.RejectMissing(timestamp);
            }
            else if (UtcTimestamp.TryParse(table[timestamp], out var unixTicks) is var outcome && outcome != ParseOutcome.Valid)
            {
                table.Reject(outcome == ParseOutcome.FinerThanTick
                    ? $"{table.Quote(timestamp)} has more than 7 fractional digits (finer than a tick)"
                    : $"{table.Quote(timestamp)} is not a valid UTC timestamp");
            }
            else if (!PollTimeline.IsSupported(Instant.FromUnixTimeTicks(unixTicks)))
            {
                // Such a poll is a data error (a clock off by centuries), and the engine refuses it.
                table.Reject($"{table.Quote(timestamp)} is outside the supported years 1900 to 2199");
            }
            else
            {
                table.Accept(new PollRow(storeIds.Get(table[storeId]), unixTicks, pollStatus));
            }
        }

        return table.Counts;
    }
}
