using System.IO.Hashing;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// What a run reads of one input file: nothing (<see cref="Unchanged"/>), the bytes from <see cref="Start"/> to
/// <see cref="End"/> of a polls file that only grew (read after its header, so columns resolve as before), or the
/// whole file. <see cref="End"/> is the size when the run opened it: rows appended while it reads belong to the next
/// run. A plan that reads holds its file open from planning until it is disposed, and reads, hashes and records only
/// through that handle: a file replaced under its path meanwhile is recorded as it was read, so the next run sees
/// that the file there now is another and reads it.
/// </summary>
internal sealed class FileReadPlan : IDisposable
{
    private readonly OpenedFile? _file;
    private readonly ReadPrefix? _read;

    // The hash of the bytes before Start, kept apart from the one the first read advances, for reading again.
    private readonly XxHash3 _prefixHash;
    private bool _opened;

    private FileReadPlan(InputFileKind kind, string path, OpenedFile? file, long start, long startLines, byte[] header, XxHash3 prefixHash, IngestedFile? unchanged)
    {
        Kind = kind;
        Path = path;
        _file = file;
        Start = start;
        StartLines = startLines;
        Header = header;
        UnchangedRecord = unchanged;
        _prefixHash = prefixHash.Clone();
        // Snapshots (hours, zones) are taken whole; only the polls file is resumed part-way.
        _read = file is null ? null : new ReadPrefix(start, startLines, prefixHash, wholeLinesOnly: kind == InputFileKind.StoreStatus);
    }

    public InputFileKind Kind { get; }

    public string Path { get; }

    /// <summary>Where reading starts: 0 for a whole file, else the end of what the last run applied.</summary>
    public long Start { get; }

    /// <summary>Whole lines before <see cref="Start"/>, so rejections name the file's own line numbers.</summary>
    public long StartLines { get; }

    /// <summary>The header line to read an appended part with (empty for a whole file).</summary>
    public byte[] Header { get; }

    public long End => _file?.Size ?? Start;

    /// <summary>The record to keep when nothing needs reading; null when the file is read.</summary>
    public IngestedFile? UnchangedRecord { get; }

    public bool Unchanged => UnchangedRecord is not null;

    /// <summary>Nothing to read: <paramref name="record"/> stays the file's record.</summary>
    public static FileReadPlan Skip(InputFileKind kind, string path, IngestedFile record) =>
        new(kind, path, null, 0, 0, [], new XxHash3(), record);

    /// <summary>Reads all of <paramref name="file"/>, which the plan then owns.</summary>
    public static FileReadPlan Whole(InputFileKind kind, OpenedFile file) =>
        new(kind, file.Path, file, 0, 0, [], new XxHash3(), null);

    /// <summary>
    /// Reads <paramref name="file"/> (which the plan then owns) from <paramref name="start"/>, after its
    /// <paramref name="header"/>; <paramref name="prefixHash"/> holds the bytes before <paramref name="start"/>.
    /// </summary>
    public static FileReadPlan From(InputFileKind kind, OpenedFile file, long start, long startLines, byte[] header, XxHash3 prefixHash) =>
        new(kind, file.Path, file, start, startLines, header, prefixHash, null);

    /// <summary>The bytes the CSV reader sees: the header, then the part of the file to read. Opened once.</summary>
    public Stream OpenRead()
    {
        var (file, read) = Reading();
        if (_opened)
        {
            throw new InvalidOperationException($"{Path} is read once per run");
        }

        _opened = true;
        return new FileSegmentStream(Header, file, read, End);
    }

    /// <summary>
    /// The same bytes as <see cref="OpenRead"/> gave, read again through the same handle for a later pass of the run
    /// (<see cref="StorePass"/>); recording stays with the first read. Once read, <see cref="FileReread.EnsureSameBytes"/>
    /// says whether they were the same, as far as the first read got.
    /// </summary>
    public FileReread OpenReread()
    {
        var (file, read) = Reading();
        if (!_opened)
        {
            throw new InvalidOperationException($"{Path} is read again only after its first read");
        }

        var again = new ReadPrefix(Start, StartLines, _prefixHash.Clone(), wholeLinesOnly: Kind == InputFileKind.StoreStatus);
        return new FileReread(Path, new FileSegmentStream(Header, file, again, End), first: read, again);
    }

    /// <summary>
    /// The record of this file once what was read is stored (at <paramref name="now"/>): the position after the last
    /// whole line read (a snapshot: after its last byte), the lines and the hash of everything before it, as read; the
    /// size and modification time of the file the run opened. A failed file records position 0, so its next version is
    /// read whole, and no retention start, so it is never removed.
    /// </summary>
    public IngestedFile Applied(string runId, bool failed, Instant now)
    {
        if (UnchangedRecord is { } unchanged)
        {
            // A record written before retention existed has none: a file it applied (past position 0) starts its
            // retention now; one that failed keeps none.
            return unchanged.RetainedSince is null && unchanged.Position > 0 ? unchanged with { RetainedSince = now } : unchanged;
        }

        var (file, read) = Reading();
        if (failed)
        {
            return new IngestedFile(Path, file.Size, file.ModifiedUnixTicks, 0, 0, XxHash3.HashToUInt64([]), runId);
        }

        if (!_opened)
        {
            throw new InvalidOperationException($"{Path} was not read, so it cannot be recorded as applied");
        }

        // The CSV readers read to the end of their input, so nothing is left here. Were a reader to stop early, the
        // rest is hashed through the same handle, never from the path (which may name another file by now).
        using (var rest = new FileSegmentStream([], file, read, End))
        {
            rest.CopyTo(Stream.Null);
        }

        return new IngestedFile(Path, file.Size, file.ModifiedUnixTicks, read.End, read.Lines, read.Hash, runId, now);
    }

    public void Dispose() => _file?.Dispose();

    private (OpenedFile File, ReadPrefix Read) Reading() =>
        _file is not null && _read is not null ? (_file, _read) : throw new InvalidOperationException($"{Path} is unchanged: nothing is read");
}
