using System.IO.Hashing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// What a run has read of a file so far, in the terms its record keeps and the next run's planner checks with
/// <see cref="FilePrefix"/>: where the applied part ends, the line feeds before that end and the XxHash3 of the bytes
/// before it. The bytes are taken as the reader is handed them, never read again from disk. A polls file is applied
/// up to its last whole line (a last line without a line feed may still be being written, so the next run reads it
/// again); a snapshot file (hours, zones) to its last byte.
/// </summary>
internal sealed class ReadPrefix
{
    private readonly XxHash3 _hash;
    private readonly bool _wholeLinesOnly;

    /// <param name="start">Where reading starts; <paramref name="hash"/> holds the bytes before it, which hold <paramref name="startLines"/> line feeds.</param>
    public ReadPrefix(long start, long startLines, XxHash3 hash, bool wholeLinesOnly)
    {
        _hash = hash;
        _wholeLinesOnly = wholeLinesOnly;
        Read = End = start;
        Lines = startLines;
        Hash = hash.GetCurrentHashAsUInt64();
    }

    /// <summary>Where the bytes read so far end: the next byte to read.</summary>
    public long Read { get; private set; }

    /// <summary>The end of the applied part: <see cref="Read"/>, or for a polls file the end of its last line feed read.</summary>
    public long End { get; private set; }

    /// <summary>The line feeds before <see cref="End"/>.</summary>
    public long Lines { get; private set; }

    /// <summary>The XxHash3 of the bytes before <see cref="End"/>.</summary>
    public ulong Hash { get; private set; }

    /// <summary>Takes the next bytes read, the ones at <see cref="Read"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        var applied = _wholeLinesOnly ? bytes.LastIndexOf((byte)'\n') + 1 : bytes.Length;
        if (applied > 0)
        {
            _hash.Append(bytes[..applied]);
            Read += applied;
            End = Read;
            Lines += bytes[..applied].Count((byte)'\n');
            Hash = _hash.GetCurrentHashAsUInt64();
        }

        // The start of a line still open: hashed now, counted once its line feed arrives.
        _hash.Append(bytes[applied..]);
        Read += bytes.Length - applied;
    }
}
