using System.Text;
using CsvHelper;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// The records of one CSV file streaming into one sink: the header resolved to column indexes once, then each record
/// with its physical line number, its fields as UTF-8 spans (trimmed, unquoted), and the counts of what went where.
/// Records the file itself gets wrong (bad quoting, a wrong number of fields) are rejected here, so the readers of
/// each file only judge values. Blank lines are skipped and are not rows.
/// </summary>
internal sealed class CsvTable<TRow> : IFieldText, IDisposable
{
    /// <summary>
    /// The longest row read. A longer physical line is cut by <see cref="LineLengthGuard"/> and its row rejected.
    /// Quoted fields may span lines (RFC 4180), so a quote that is never closed would swallow the rest of the file;
    /// a record of many lines past this size fails the file instead of being buffered whole.
    /// </summary>
    private const int MaxRecordBytes = 1 << 20;

    /// <summary>Longer raw rows are cut in the rejects file: enough to find and fix the row, not a copy of a broken file.</summary>
    private const int MaxRawLength = 2000;

    private readonly LineLengthGuard guard;
    private readonly CsvReader reader;
    private readonly string file;
    private readonly IRowSink<TRow> sink;
    private readonly string[] headers;
    private long accepted;
    private long rejected;
    private readonly long lineOffset;
    private CsvMalformedRecord? malformedHeader;

    private CsvTable(Stream utf8, string file, IRowSink<TRow> sink, long lineOffset = 0)
    {
        // Lines are counted in the stream read; rejections name the file's own line (a part read starts further on).
        this.lineOffset = lineOffset;
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sink);
        this.file = file;
        this.sink = sink;
        guard = new LineLengthGuard(utf8, MaxRecordBytes);
        reader = CsvReader.Create(guard, CsvReaderOptions.Default with
        {
            Separator = ',', // never guessed: a semicolon in a value must not change how the file splits
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes + 2, // + its line break
            FieldCountMismatch = CsvFieldCountHandling.Allow, // checked here, to reject with both counts
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = RejectMalformed,
        }, leaveOpen: true);
        try
        {
            headers = ReadHeader();
        }
        catch (CsvFormatException e)
        {
            reader.Dispose();
            throw Fail(e.LineNumber, e.Message);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The physical line (1-based, the header is line 1) where the current record starts.</summary>
    public long Line { get; private set; } = 1;

    public CsvReadCounts Counts => new(accepted + rejected, accepted, rejected);

    /// <summary>Reads from text; the caller keeps ownership of <paramref name="text"/>.</summary>
    public static CsvTable<TRow> Open(TextReader text, string file, IRowSink<TRow> sink) =>
        new(new Utf8TextStream(text), file, sink);

    /// <summary>Reads UTF-8 bytes (the fast path: no transcoding); the caller keeps ownership of <paramref name="utf8"/>.</summary>
    public static CsvTable<TRow> Open(Stream utf8, string file, IRowSink<TRow> sink) =>
        new(utf8, file, sink);

    /// <summary>
    /// Reads the part of a file after its first <paramref name="linesBefore"/> lines, given as the header followed by
    /// that part: line numbers in rejections are still the file's own.
    /// </summary>
    public static CsvTable<TRow> OpenPart(Stream utf8, string file, IRowSink<TRow> sink, long linesBefore) =>
        new(utf8, file, sink, Math.Max(0, linesBefore - 1));

    /// <summary>The index of a required column, by name or alias, ignoring case and surrounding whitespace.</summary>
    public int Column(string name, string? alias = null)
    {
        var index = Array.FindIndex(headers, header => Matches(header, name) || (alias is not null && Matches(header, alias)));
        if (index < 0)
        {
            var wanted = alias is null ? $"'{name}'" : $"'{name}' (or '{alias}')";
            throw Fail(1, $"missing column {wanted} (found: {string.Join(", ", headers)})");
        }

        if (alias is not null && Array.FindLastIndex(headers, header => Matches(header, name) || Matches(header, alias)) != index)
        {
            throw Fail(1, $"columns '{name}' and '{alias}' are the same column; keep one of them");
        }

        return index;
    }

    /// <summary>The column's name as the file writes it, for rejection reasons an operator can find in the file.</summary>
    public string Name(int column) => headers[column];

    /// <summary>A field of the current record, valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> this[int column] => reader.GetSpan(column);

    /// <summary>Moves to the next record with as many fields as the header, rejecting the ones between.</summary>
    public bool MoveNext()
    {
        try
        {
            while (reader.Read())
            {
                Line = reader.LineNumber;
                RejectCutLinesBefore(Line);
                if (guard.Cut.Count > 0 && guard.Cut.Peek().Line <= LastLineOfRecord())
                {
                    // A line inside a quoted field spanning lines was cut: the record is not what the file says.
                    Reject($"line {guard.Cut.Dequeue().Line} of the row is {TooLong}");
                    ForgetCutLinesBefore(LastLineOfRecord() + 1); // more cut lines of the same record
                    continue;
                }

                if (reader.FieldCount == headers.Length)
                {
                    return true;
                }

                Reject($"wrong number of fields: expected {headers.Length}, found {reader.FieldCount}");
            }

            RejectCutLinesBefore(long.MaxValue);
            return false;
        }
        catch (CsvFormatException e)
        {
            throw Fail(e.LineNumber, e.Message);
        }
    }

    public void Accept(in TRow row)
    {
        accepted++;
        sink.Accept(row);
    }

    /// <summary>The sink as <typeparamref name="TSink"/>, for a reader that hands it rows in another form.</summary>
    public TSink? SinkAs<TSink>()
        where TSink : class => sink as TSink;

    /// <summary>Counts a valid row that the reader handed to <see cref="SinkAs{TSink}"/>'s sink itself.</summary>
    public void CountAccepted() => accepted++;

    public void Reject(string reason) => Reject(Line, reason, Encoding.UTF8.GetString(reader.RawRecord));

    /// <summary>The reason for an empty required field.</summary>
    public void RejectMissing(int column) => Reject($"missing {Name(column)}");

    /// <summary>A field for a reason, quoted as <c>name 'value'</c>.</summary>
    public string Quote(int column) => FieldQuote.Of(Name(column), this[column]);

    public void Dispose()
    {
        reader.Dispose();
        guard.Dispose();
    }

    private static bool Matches(string header, string name) => header.Equals(name, StringComparison.OrdinalIgnoreCase);

    private string[] ReadHeader()
    {
        // A BOM is consumed by the reader; trimming it too costs nothing and covers a TextReader that kept it.
        var names = reader.Headers.Select(header => header.Trim().TrimStart('\uFEFF').Trim()).ToArray();
        if (guard.Cut.TryPeek(out var cut) && cut.BeforeAnyContent)
        {
            throw Fail(cut.Line, $"the header row is {TooLong}");
        }

        if (malformedHeader is { } malformed)
        {
            throw Fail(malformed.LineNumber, $"the header is malformed: {Describe(malformed.Reason)}");
        }

        if (names.Length == 0)
        {
            throw Fail(1, "the file is empty: a header row is required");
        }

        var duplicate = names.Where(name => name.Length > 0)
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw Fail(1, $"column '{duplicate.Key}' appears more than once in the header");
        }

        return names;
    }

    private void RejectMalformed(CsvMalformedRecord record)
    {
        // The reader skips a malformed header and would take the next record as the header: refuse the file instead.
        if (record.RecordNumber == 1)
        {
            malformedHeader ??= record;
            return;
        }

        RejectCutLinesBefore(record.LineNumber);
        Reject(record.LineNumber, $"malformed quoting: {Describe(record.Reason)}", record.RawRecord);
    }

    private static string TooLong => $"longer than 1 MiB ({MaxRecordBytes} bytes)";

    /// <summary>Rejects the cut lines before <paramref name="line"/>: each was a row of its own, now a blank line.</summary>
    private void RejectCutLinesBefore(long line)
    {
        while (guard.Cut.TryPeek(out var cut) && cut.Line < line)
        {
            guard.Cut.Dequeue();
            Reject(cut.Line, $"the row is {TooLong}");
        }
    }

    private void ForgetCutLinesBefore(long line)
    {
        while (guard.Cut.TryPeek(out var cut) && cut.Line < line)
        {
            guard.Cut.Dequeue();
        }
    }

    /// <summary>The physical line where the current record ends: its start plus the line breaks inside its quoted fields.</summary>
    private long LastLineOfRecord()
    {
        var raw = reader.RawRecord;
        var lineBreaks = raw.Count((byte)'\n') + raw.Count((byte)'\r') - raw.Count("\r\n"u8);
        return Line + lineBreaks;
    }

    private void Reject(long line, string reason, string? raw = null)
    {
        rejected++;
        sink.Reject(new RowRejection(file, line + lineOffset, reason, raw is { Length: > MaxRawLength } ? raw[..MaxRawLength] + "…" : raw));
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the whole field and double the quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (the rest of the file was read as part of it)",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        _ => reason.ToString(),
    };

    private CsvFileException Fail(long line, string reason) => new(file, line, reason);
}
