using System.IO.Hashing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>Byte-level facts about a file's prefix, read through the run's open handle: its hash, its line count and its first line.</summary>
internal static class FilePrefix
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Appends the bytes <c>[from, to)</c> of <paramref name="file"/> to <paramref name="hash"/>; returns how many line feeds they hold.</summary>
    public static long Append(OpenedFile file, long from, long to, XxHash3 hash)
    {
        var buffer = new byte[ChunkBytes];
        var lines = 0L;
        for (var offset = from; offset < to;)
        {
            var read = file.Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - offset)), offset);
            if (read == 0)
            {
                throw new IOException($"{file.Path} became shorter while it was being read");
            }

            var chunk = buffer.AsSpan(0, read);
            hash.Append(chunk);
            lines += chunk.Count((byte)'\n');
            offset += read;
        }

        return lines;
    }

    /// <summary>The first line of the file, line feed included (the CSV header an appended part is read with).</summary>
    public static byte[] FirstLine(OpenedFile file, long limit)
    {
        var buffer = new byte[(int)Math.Min(limit, ChunkBytes)];
        var read = 0;
        while (read < buffer.Length && file.Read(buffer.AsSpan(read), read) is var count and > 0)
        {
            read += count;
        }

        var index = buffer.AsSpan(0, read).IndexOf((byte)'\n');
        return index < 0 ? buffer[..read] : buffer[..(index + 1)];
    }
}
