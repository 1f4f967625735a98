using System.IO.Hashing;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// What a run reads of one input file: nothing (<see cref="Unchanged"/>), the bytes from <see cref="Start"/> to
/// <see cref="End"/> of a polls file that only grew (read after its header, so columns resolve as before), or the
/// whole file. <see cref="End"/> is the size when the run looked: rows appended while it reads belong to the next run.
/// </summary>
internal sealed class FileReadPlan
{
    private readonly XxHash3 _prefixHash;

    public FileReadPlan(InputFileKind kind, string path, FileInfo info, long start, long startLines, byte[] header, XxHash3 prefixHash, IngestedFile? unchanged)
    {
        Kind = kind;
        Path = path;
        Size = info.Length;
        ModifiedUnixTicks = info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks;
        Start = start;
        StartLines = startLines;
        Header = header;
        _prefixHash = prefixHash;
        UnchangedRecord = unchanged;
    }

    public InputFileKind Kind { get; }

    public string Path { get; }

    public long Size { get; }

    public long ModifiedUnixTicks { get; }

    /// <summary>Where reading starts: 0 for a whole file, else the end of what the last run applied.</summary>
    public long Start { get; }

    /// <summary>Whole lines before <see cref="Start"/>, so rejections name the file's own line numbers.</summary>
    public long StartLines { get; }

    /// <summary>The header line to read an appended part with (empty for a whole file).</summary>
    public byte[] Header { get; }

    public long End => Size;

    /// <summary>The record to keep when nothing needs reading; null when the file is read.</summary>
    public IngestedFile? UnchangedRecord { get; }

    public bool Unchanged => UnchangedRecord is not null;

    /// <summary>The bytes the CSV reader sees: the header, then the part of the file to read.</summary>
    public Stream OpenRead()
    {
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16, FileOptions.SequentialScan);
        file.Position = Start;
        return new FileSegmentStream(Header, file, End - Start);
    }

    /// <summary>
    /// The record of this file once what was read is stored (at <paramref name="now"/>): the position after the last
    /// whole line read, and the hash of everything before it. A failed file records position 0, so its next version is
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

        if (failed)
        {
            return new IngestedFile(Path, Size, ModifiedUnixTicks, 0, 0, XxHash3.HashToUInt64([]), runId);
        }

        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        // Snapshots (hours, zones) are taken whole; only the polls file is resumed part-way.
        var position = Kind == InputFileKind.StoreStatus ? FilePrefix.LastLineEnd(file, Start, End) : End;
        var lines = StartLines + FilePrefix.Append(file, Start, position, _prefixHash);
        return new IngestedFile(Path, Size, ModifiedUnixTicks, position, lines, _prefixHash.GetCurrentHashAsUInt64(), runId, now);
    }
}
