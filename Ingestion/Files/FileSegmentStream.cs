
namespace StoreMonitor.Ingestion.Files;

/// <summary>A read-only stream of a header followed by <paramref name="length"/> bytes of a file from its current position.</summary>
internal sealed class FileSegmentStream(byte[] header, FileStream file, long length) : ReadOnlyForwardStream
{
    private int _headerRead;
    private long _remaining = length;

    public override int Read(Span<byte> buffer)
    {
        if (_headerRead < header.Length)
        {
            var part = Math.Min(buffer.Length, header.Length - _headerRead);
            header.AsSpan(_headerRead, part).CopyTo(buffer);
            _headerRead += part;
            return part;
        }

        if (_remaining <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var read = file.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
