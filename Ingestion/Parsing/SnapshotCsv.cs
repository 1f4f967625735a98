namespace StoreMonitor.Ingestion.Parsing;

/// <summary>Reads a snapshot file (business hours, special hours or time zones) with the reader of its kind.</summary>
internal static class SnapshotCsv
{
    public static CsvReadCounts Read<TSink>(InputFileKind kind, Stream utf8, string fileName, TSink sink)
        where TSink : IRowSink<HoursRow>, IRowSink<SpecialRow>, IRowSink<ZoneRow> => kind switch
        {
            InputFileKind.BusinessHours => BusinessHoursCsv.Read(utf8, fileName, sink),
            InputFileKind.SpecialHours => SpecialHoursCsv.Read(utf8, fileName, sink),
            InputFileKind.TimeZones => TimeZoneCsv.Read(utf8, fileName, sink),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a snapshot file"),
        };
}
