namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// Reads <c>store_status.csv</c> (columns <c>store_id</c>, <c>status</c>, <c>timestamp_utc</c>, in any order) into
/// <see cref="PollRow"/>s, streaming: the file is never held in memory. Bad rows are rejected with their line and
/// reason; a file without the required columns throws <see cref="CsvFileException"/>. Blank lines are skipped
/// silently and are not rows (they carry no data, and editors add them at the end of files). The rules of each value
/// are <see cref="PollFields"/>, which a push of polls shares.
/// </summary>
public static class StoreStatusCsv
{
    /// <summary>Whether the rows of the store whose id has the UTF-8 bytes <paramref name="utf8"/> are wanted.</summary>
    public delegate bool StoreIdFilter(ReadOnlySpan<byte> utf8);

    /// <summary>Reads UTF-8 bytes: the fastest way, for the polls file with its millions of rows.</summary>
    public static CsvReadCounts Read(Stream utf8, string fileName, IRowSink<PollRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<PollRow>.Open(utf8, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    /// <summary>
    /// Reads the part of a polls file after its first <paramref name="linesBefore"/> lines: <paramref name="utf8"/> is the
    /// header line followed by that part. Rejections carry the file's own line numbers. With <paramref name="only"/>, a
    /// row whose store id it refuses is skipped before its values are read: it is neither accepted nor rejected.
    /// </summary>
    public static CsvReadCounts ReadPart(Stream utf8, string fileName, IRowSink<PollRow> sink, Utf8StringPool storeIds, long linesBefore, StoreIdFilter? only = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<PollRow>.OpenPart(utf8, fileName, sink, linesBefore);
        return Read(table, storeIds, only);
    }

    public static CsvReadCounts Read(TextReader text, string fileName, IRowSink<PollRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var table = CsvTable<PollRow>.Open(text, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    private static CsvReadCounts Read(CsvTable<PollRow> table, Utf8StringPool storeIds, StoreIdFilter? only = null)
    {
        var storeId = table.Column("store_id");
        var status = table.Column("status");
        var timestamp = table.Column("timestamp_utc");
        var positions = new PollFields.Positions(storeId, status, timestamp);
        var fieldsSink = table.SinkAs<IPollFieldsSink>();
        try
        {
            while (table.MoveNext())
            {
                if (only is not null && !only(table[storeId]))
                {
                    continue;
                }

                if (PollFields.Problem(table[storeId], table[status], table[timestamp], table, positions, out var unixTicks, out var pollStatus) is { } reason)
                {
                    table.Reject(reason);
                }
                else if (fieldsSink is not null)
                {
                    table.CountAccepted();
                    fieldsSink.Accept(table[storeId], unixTicks, pollStatus);
                }
                else
                {
                    table.Accept(new PollRow(storeIds.Get(table[storeId]), unixTicks, pollStatus));
                }
            }
        }
        finally
        {
            // Rows before a break in the file are kept, as they are when each row is applied at once.
            fieldsSink?.Flush();
        }

        return table.Counts;
    }
}
