using System.Text;
using NodaTime;
using StoreMonitor.Bench.Generation;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// The polls of the last hour of <c>store_status.csv</c>, which stand in for the hours that come after it: hour k is
/// the same rows k hours later, appended to the file as its hourly refresh does. So every new hour has the dataset's
/// stores, cadence and statuses, and the dataset ingested first stays whole.
/// </summary>
internal sealed class LastHourOfPolls
{
    private const string TimestampColumn = "timestamp_utc";

    private readonly int _column;
    private readonly List<(string[] Fields, long Ticks)> _rows;

    private LastHourOfPolls(Instant latestPoll, int column, List<(string[] Fields, long Ticks)> rows)
    {
        LatestPoll = latestPoll;
        _column = column;
        _rows = rows;
    }

    /// <summary>The latest poll of the file as it was read, before any hour was appended.</summary>
    public Instant LatestPoll { get; }

    /// <summary>The polls of each new hour.</summary>
    public int Rows => _rows.Count;

    public static LastHourOfPolls Read(string storeStatusFile)
    {
        var header = File.ReadLines(storeStatusFile).First();
        var column = Array.FindIndex(header.Split(','), name => name.Trim().Equals(TimestampColumn, StringComparison.OrdinalIgnoreCase));
        if (column < 0)
        {
            throw new InvalidDataException($"{storeStatusFile} has no {TimestampColumn} column");
        }

        // Two passes: the first finds the latest poll, the second keeps the rows of the hour before it.
        var latest = Polls(storeStatusFile, column).Max(poll => poll.Ticks);
        var from = latest - TimeSpan.TicksPerHour;
        var rows = Polls(storeStatusFile, column).Where(poll => poll.Ticks > from).ToList();
        return new LastHourOfPolls(Instant.FromUnixTimeTicks(latest), column, rows);
    }

    /// <summary>Appends the last hour again, <paramref name="hoursLater"/> hours later, to <paramref name="storeStatusFile"/>.</summary>
    public async Task AppendAsync(string storeStatusFile, int hoursLater)
    {
        var endsWithNewLine = await EndsWithNewLineAsync(storeStatusFile);
        await using var output = new StreamWriter(storeStatusFile, append: true, new UTF8Encoding(false));
        output.NewLine = "\n";
        if (!endsWithNewLine)
        {
            await output.WriteLineAsync();
        }

        var timestamp = new char[TimestampFormatter.MaxUtcLength];
        foreach (var (fields, ticks) in _rows)
        {
            var later = ticks + (hoursLater * TimeSpan.TicksPerHour);
            var length = TimestampFormatter.FormatUtc(later / TimeSpan.TicksPerMicrosecond, timestamp);
            var shifted = (string[])fields.Clone();
            shifted[_column] = new string(timestamp, 0, length);
            await output.WriteLineAsync(string.Join(',', shifted));
        }
    }

    private static IEnumerable<(string[] Fields, long Ticks)> Polls(string file, int column)
    {
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length > column
                && UtcTimestamp.TryParse(Encoding.UTF8.GetBytes(fields[column]), out var ticks) == ParseOutcome.Valid)
            {
                yield return (fields, ticks);
            }
        }
    }

    private static async Task<bool> EndsWithNewLineAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
