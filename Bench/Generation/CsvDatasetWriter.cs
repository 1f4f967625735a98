using System.Text;

namespace StoreMonitor.Bench.Generation;

/// <summary>Rows written to one file, bad rows included.</summary>
internal readonly record struct WrittenFile(string Path, long Rows);

/// <summary>
/// Writes a dataset as the three public CSVs (UTF-8, no BOM, LF, header first). Each row is assembled in a char
/// buffer and handed to a large buffered writer in one call.
/// </summary>
internal static class CsvDatasetWriter
{
    private const int BufferSize = 1 << 20;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static (WrittenFile[] Files, List<PlacedBadRow> BadRows) Write(GeneratedDataset dataset, string directory)
    {
        Directory.CreateDirectory(directory);
        var plan = BadRowPlanner.Plan(dataset);
        var placed = new List<PlacedBadRow>();
        var files = new[]
        {
            WritePolls(dataset, directory, new BadRowInjector(DatasetFile.StoreStatus, plan[DatasetFile.StoreStatus], placed)),
            WriteHours(dataset, directory, new BadRowInjector(DatasetFile.MenuHours, plan[DatasetFile.MenuHours], placed)),
            WriteZones(dataset, directory, new BadRowInjector(DatasetFile.Timezones, plan[DatasetFile.Timezones], placed)),
        };
        return (files, placed);
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize), Utf8NoBom, BufferSize);

    private static WrittenFile WritePolls(GeneratedDataset dataset, string directory, BadRowInjector bad)
    {
        var path = Path.Combine(directory, DatasetFileNames.Of(DatasetFile.StoreStatus));
        using var writer = Open(path);
        writer.Write("store_id,status,timestamp_utc\n");
        long lines = 1;
        Span<char> row = stackalloc char[128];
        var polls = dataset.Polls;
        for (var i = 0; i < polls.Count; i++)
        {
            if (i >= bad.NextPosition)
            {
                lines += bad.WriteDue(i, writer, lines);
            }

            polls.Read(i, out var store, out var offset, out var inactive);
            var length = Append(row, 0, dataset.StoreIds[store]);
            row[length++] = ',';
            length = Append(row, length, inactive ? "inactive" : "active");
            row[length++] = ',';
            length += TimestampFormatter.FormatUtc(dataset.WindowStartUnixMicros + offset, row[length..]);
            row[length++] = '\n';
            writer.Write(row[..length]);
            lines++;
        }

        lines += bad.WriteDue(int.MaxValue, writer, lines);
        return new WrittenFile(path, lines - 1);
    }

    private static WrittenFile WriteHours(GeneratedDataset dataset, string directory, BadRowInjector bad)
    {
        var path = Path.Combine(directory, DatasetFileNames.Of(DatasetFile.MenuHours));
        using var writer = Open(path);
        writer.Write($"store_id,{dataset.Options.DayColumn},start_time_local,end_time_local\n");
        long lines = 1;
        Span<char> row = stackalloc char[128];
        for (var i = 0; i < dataset.Hours.Count; i++)
        {
            lines += bad.WriteDue(i, writer, lines);
            var (store, shift) = dataset.Hours[i];
            var length = Append(row, 0, dataset.StoreIds[store]);
            row[length++] = ',';
            row[length++] = (char)('0' + shift.Day);
            row[length++] = ',';
            length += TimestampFormatter.FormatTimeOfDay(shift.StartSeconds, row[length..]);
            row[length++] = ',';
            length += TimestampFormatter.FormatTimeOfDay(shift.EndSeconds, row[length..]);
            row[length++] = '\n';
            writer.Write(row[..length]);
            lines++;
        }

        lines += bad.WriteDue(int.MaxValue, writer, lines);
        return new WrittenFile(path, lines - 1);
    }

    private static WrittenFile WriteZones(GeneratedDataset dataset, string directory, BadRowInjector bad)
    {
        var path = Path.Combine(directory, DatasetFileNames.Of(DatasetFile.Timezones));
        using var writer = Open(path);
        writer.Write("store_id,timezone_str\n");
        long lines = 1;
        for (var i = 0; i < dataset.Zones.Count; i++)
        {
            lines += bad.WriteDue(i, writer, lines);
            var (store, zone) = dataset.Zones[i];
            writer.Write(dataset.StoreIds[store]);
            writer.Write(',');
            writer.Write(zone);
            writer.Write('\n');
            lines++;
        }

        lines += bad.WriteDue(int.MaxValue, writer, lines);
        return new WrittenFile(path, lines - 1);
    }

    private static int Append(Span<char> row, int at, string text)
    {
        text.CopyTo(row[at..]);
        return at + text.Length;
    }
}
