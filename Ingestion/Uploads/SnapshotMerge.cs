using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Uploads;

/// <summary>
/// An uploaded hours, zone or special hours file merged into the data directory's: the uploaded stores' rows replace theirs, every
/// other store keeps its own. The merged file has the canonical columns and the valid rows of both (a row that cannot
/// be read names no store, and is left out).
/// </summary>
internal static class SnapshotMerge
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss.FFFFFFF");
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    /// <summary>Writes <paramref name="upload"/> merged over <paramref name="existing"/> (which may not exist) to <paramref name="output"/>.</summary>
    public static void Write(InputFileKind kind, string upload, string existing, string output)
    {
        var uploaded = new Lines(null);
        Read(kind, upload, uploaded);
        using var writer = new StreamWriter(output, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(Header(kind));
        foreach (var line in uploaded.Written)
        {
            writer.Write(line);
        }

        if (File.Exists(existing))
        {
            Read(kind, existing, new Lines(writer) { Skipped = uploaded.Stores });
        }

        writer.Flush();
        ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
    }

    private static void Read(InputFileKind kind, string path, Lines sink)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        SnapshotCsv.Read(kind, stream, path, sink);
    }

    private static string Header(InputFileKind kind) => kind switch
    {
        InputFileKind.BusinessHours => "store_id,dayOfWeek,start_time_local,end_time_local\n",
        InputFileKind.SpecialHours => "store_id,date,start_time_local,end_time_local\n",
        _ => "store_id,timezone_str\n",
    };

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim() ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string Line(BusinessHoursRow row, string storeId) => string.Create(CultureInfo.InvariantCulture,
        $"{Field(storeId)},{(int)row.Day - 1},{Time.Format(row.Start)},{EndTime(row.End)}\n");

    private static string Line(SpecialHoursRow row, string storeId) => row.Closed
        ? $"{Field(storeId)},{Date.Format(row.Date)},closed,closed\n"
        : $"{Field(storeId)},{Date.Format(row.Date)},{Time.Format(row.Start)},{EndTime(row.End)}\n";

    private static string EndTime(LocalTime end) => end == LocalTime.Midnight ? "24:00:00" : Time.Format(end);

    /// <summary>Collects the rows as lines (or writes them straight to a writer), skipping the stores of <see cref="Skipped"/>.</summary>
    private sealed class Lines(TextWriter? writer) : IRowSink<HoursRow>, IRowSink<ZoneRow>, IRowSink<SpecialRow>
    {
        public HashSet<string> Stores { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Skipped { get; init; } = [];

        public List<string> Written { get; } = [];

        public void Accept(in HoursRow row) => Add(row.StoreId, Line(row.Hours, row.StoreId));

        public void Accept(in SpecialRow row) => Add(row.StoreId, Line(row.Special, row.StoreId));

        // Every valid row as it was, a store's conflicting second zone too: ingestion then keeps the first, as before.
        public void Accept(in ZoneRow row) => Add(row.StoreId, $"{Field(row.StoreId)},{Field(row.ZoneId)}\n");

        public void Reject(RowRejection rejection)
        {
        }

        private void Add(string storeId, string line)
        {
            if (Skipped.Contains(storeId))
            {
                return;
            }

            Stores.Add(storeId);
            if (writer is null)
            {
                Written.Add(line);
            }
            else
            {
                writer.Write(line);
            }
        }
    }
}
