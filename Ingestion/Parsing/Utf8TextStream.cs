using System.Text;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>Text as a stream of UTF-8 bytes, encoded as it is read, so text input takes the same path as files.</summary>
internal sealed class Utf8TextStream(TextReader text) : ReadOnlyForwardStream
{
    private const int ChunkChars = 4096;

    private readonly Encoder encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly char[] chars = new char[ChunkChars];
    private readonly byte[] bytes = new byte[Encoding.UTF8.GetMaxByteCount(ChunkChars)];
    private int start;
    private int end;
    private bool endOfText;

    public override int Read(Span<byte> destination)
    {
        while (start == end && !destination.IsEmpty)
        {
            if (endOfText)
            {
                return 0;
            }

            var read = text.Read(chars);
            endOfText = read == 0;
            start = 0;
            end = encoder.GetBytes(chars.AsSpan(0, read), bytes, flush: endOfText);
        }

        var count = Math.Min(destination.Length, end - start);
        bytes.AsSpan(start, count).CopyTo(destination);
        start += count;
        return count;
    }
}
