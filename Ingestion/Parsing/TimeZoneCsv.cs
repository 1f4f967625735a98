namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// Reads <c>timezones.csv</c> (aliases <c>timezone.csv</c>, <c>store_timezone.csv</c>; columns <c>store_id</c>,
/// <c>timezone_str</c>, in any order) into <see cref="ZoneRow"/>s. Zone ids are passed on unvalidated: an unknown
/// id falls back to the default zone later, with a warning, rather than losing the store.
/// Rows, rejections and blank lines are handled as by <see cref="StoreStatusCsv"/>.
/// </summary>
public static class TimeZoneCsv
{
    public static CsvReadCounts Read(Stream utf8, string fileName, IRowSink<ZoneRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var table = CsvTable<ZoneRow>.Open(utf8, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    public static CsvReadCounts Read(TextReader text, string fileName, IRowSink<ZoneRow> sink, Utf8StringPool? storeIds = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var table = CsvTable<ZoneRow>.Open(text, fileName, sink);
        return Read(table, storeIds ?? new Utf8StringPool());
    }

    private static CsvReadCounts Read(CsvTable<ZoneRow> table, Utf8StringPool storeIds)
    {
        var storeId = table.Column("store_id");
        var zone = table.Column("timezone_str");
        // A few dozen zones name every store: one string each, not one a row, for the run that keeps them.
        var zoneIds = new Utf8StringPool();
        while (table.MoveNext())
        {
            if (!StoreIdField.Check(table, storeId))
            {
                continue;
            }

            if (table[zone].IsEmpty)
            {
                table.RejectMissing(zone);
            }
            else
            {
                table.Accept(new ZoneRow(storeIds.Get(table[storeId]), zoneIds.Get(table[zone]), table.Line));
            }
        }

        return table.Counts;
    }
}
