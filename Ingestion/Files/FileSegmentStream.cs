namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// A read-only stream of a header followed by the bytes of <paramref name="file"/> from <paramref name="read"/>'s
/// position to <paramref name="end"/>, each byte of the file handed on to <paramref name="read"/> as it is read: what is
/// recorded is exactly what the reader was given. Disposing it leaves the file open (its plan owns it).
/// </summary>
internal sealed class FileSegmentStream(byte[] header, OpenedFile file, ReadPrefix read, long end) : ReadOnlyForwardStream
{
    private int _headerRead;

    public override int Read(Span<byte> buffer)
    {
        if (_headerRead < header.Length)
        {
            var part = Math.Min(buffer.Length, header.Length - _headerRead);
            header.AsSpan(_headerRead, part).CopyTo(buffer);
            _headerRead += part;
            return part;
        }

        if (read.Read >= end || buffer.IsEmpty)
        {
            return 0;
        }

        // A file cut shorter while it is read ends early here; what was read is what gets recorded.
        var count = file.Read(buffer[..(int)Math.Min(buffer.Length, end - read.Read)], read.Read);
        read.Append(buffer[..count]);
        return count;
    }
}
