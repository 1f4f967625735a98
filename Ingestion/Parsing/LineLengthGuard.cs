namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// Passes UTF-8 CSV bytes through unchanged, except that the content of every physical line longer than the limit is
/// dropped while its line break is kept. The CSV reader then sees a blank line where the long one was, so one huge
/// row costs neither the rows after it nor their line numbers, and memory stays at about the limit however long the
/// line is: the current line is held back only until it either ends or outgrows the limit.
/// The lines it cut are queued, in order, for the table to reject where they fall in the file.
/// </summary>
internal sealed class LineLengthGuard : ReadOnlyForwardStream
{
    private const int ChunkBytes = 1 << 16;

    private readonly Stream inner;
    private readonly int maxLineBytes;
    private readonly byte[] buffer;
    private readonly Queue<CutLine> cut = new();

    private int start;      // next byte to hand out
    private int ready;      // bytes before this are complete lines that may be handed out
    private int end;        // bytes read so far
    private long line = 1;  // number of the line that starts at `ready`
    private bool crEndedLine; // the last line break was a CR, so an LF right after it is the same break
    private bool skipping;  // dropping the rest of a line already cut
    private bool sawContent;
    private bool endOfInput;

    public LineLengthGuard(Stream inner, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        this.inner = inner;
        this.maxLineBytes = maxLineBytes;
        buffer = new byte[maxLineBytes + ChunkBytes];
    }

    /// <summary>A physical line whose content was dropped; <see cref="BeforeAnyContent"/> when no line before it had any (so it was the header).</summary>
    public readonly record struct CutLine(long Line, bool BeforeAnyContent);

    /// <summary>The lines cut and not yet taken, in file order.</summary>
    public Queue<CutLine> Cut => cut;

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        while (start == ready)
        {
            if (!Fill())
            {
                return 0;
            }
        }

        var count = Math.Min(destination.Length, ready - start);
        buffer.AsSpan(start, count).CopyTo(destination);
        start += count;
        return count;
    }

    /// <summary>Reads one more chunk and makes its complete lines ready; false at the end of the input.</summary>
    private bool Fill()
    {
        if (endOfInput)
        {
            if (end > ready && !skipping)
            {
                ready = end; // the last line, without a line break
                return true;
            }

            return false;
        }

        // Everything before `ready` has been handed out: keep only the line in progress, at the front.
        buffer.AsSpan(ready, end - ready).CopyTo(buffer);
        end -= ready;
        start = ready = 0;

        var from = end;
        var read = inner.Read(buffer.AsSpan(end, ChunkBytes));
        if (read == 0)
        {
            endOfInput = true;
            return true;
        }

        end += read;
        if (skipping)
        {
            var lineBreak = buffer.AsSpan(from, end - from).IndexOfAny((byte)'\r', (byte)'\n');
            if (lineBreak < 0)
            {
                end = from;
                return true;
            }

            Drop(from, from + lineBreak);
            skipping = false;
        }

        Scan(from);
        return true;
    }

    /// <summary>Finds the line breaks in <c>[from, end)</c>, cutting lines that are too long; moves <c>ready</c> past the last one.</summary>
    private void Scan(int from)
    {
        var lineStart = ready;
        var position = from;
        while (buffer.AsSpan(position, end - position).IndexOfAny((byte)'\r', (byte)'\n') is var offset and >= 0)
        {
            var lineBreak = position + offset;
            if (lineBreak - lineStart > maxLineBytes)
            {
                CutCurrentLine();
                Drop(lineStart, lineBreak);
                lineBreak = lineStart;
            }

            if (buffer[lineBreak] == '\n' && crEndedLine && lineBreak == lineStart)
            {
                crEndedLine = false; // the LF of a CRLF: the line was counted at the CR
            }
            else
            {
                sawContent |= lineBreak > lineStart;
                crEndedLine = buffer[lineBreak] == '\r';
                line++;
            }

            lineStart = position = lineBreak + 1;
        }

        ready = lineStart;
        if (end - lineStart > maxLineBytes)
        {
            CutCurrentLine();
            end = lineStart;
            skipping = true;
        }
    }

    private void CutCurrentLine()
    {
        cut.Enqueue(new CutLine(line, !sawContent));
        crEndedLine = false;
    }

    /// <summary>Removes <c>[from, to)</c> from the buffer.</summary>
    private void Drop(int from, int to)
    {
        buffer.AsSpan(to, end - to).CopyTo(buffer.AsSpan(from));
        end -= to - from;
    }
}
