using System.IO.Hashing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>Byte-level facts about a file's prefix: its hash, its line count and where its last whole line ends.</summary>
internal static class FilePrefix
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Appends the bytes <c>[from, to)</c> of <paramref name="file"/> to <paramref name="hash"/>; returns how many line feeds they hold.</summary>
    public static long Append(FileStream file, long from, long to, XxHash3 hash)
    {
        var buffer = new byte[ChunkBytes];
        var lines = 0L;
        file.Position = from;
        for (var remaining = to - from; remaining > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new IOException($"{file.Name} became shorter while it was being read");
            }

            var chunk = buffer.AsSpan(0, read);
            hash.Append(chunk);
            lines += chunk.Count((byte)'\n');
            remaining -= read;
        }

        return lines;
    }

    /// <summary>
    /// The end of the last whole line in <c>[from, end)</c> (just past its line feed), or <paramref name="from"/> when there is none.
    /// A last line without a line feed may still be being written, so it is read again next time.
    /// </summary>
    public static long LastLineEnd(FileStream file, long from, long end)
    {
        var buffer = new byte[ChunkBytes];
        for (var stop = end; stop > from;)
        {
            var start = Math.Max(from, stop - buffer.Length);
            file.Position = start;
            file.ReadExactly(buffer, 0, (int)(stop - start));
            var index = buffer.AsSpan(0, (int)(stop - start)).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return start + index + 1;
            }

            stop = start;
        }

        return from;
    }

    /// <summary>The first line of the file, line feed included (the CSV header an appended part is read with).</summary>
    public static byte[] FirstLine(FileStream file, long limit)
    {
        var buffer = new byte[(int)Math.Min(limit, ChunkBytes)];
        file.Position = 0;
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var index = buffer.AsSpan(0, read).IndexOf((byte)'\n');
        return index < 0 ? buffer[..read] : buffer[..(index + 1)];
    }
}
