using System.Text;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// One string instance per distinct store id: the polls file repeats each of ~14,000 ids about a hundred times, and
/// the rows are kept (in grain state), so a string per row would be garbage and memory for nothing.
/// Share one pool across the files of an ingestion so every file hands out the same instances.
/// Not thread-safe: one reader at a time.
/// </summary>
public sealed class StoreIdPool
{
    /// <summary>Longer ids are not pooled (decoded on the stack); no real store id comes close.</summary>
    private const int MaxPooledLength = 128;

    /// <summary>Bounds the pool if a file is hostile (a fresh id on every row): past this, ids are still returned, just not kept.</summary>
    private const int MaxPooledIds = 1 << 20;

    private readonly Dictionary<string, string> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> byChars;

    public StoreIdPool() => byChars = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many distinct ids the pool holds.</summary>
    public int Count => ids.Count;

    /// <summary>The string of a UTF-8 id, the same instance for equal ids.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> buffer = stackalloc char[MaxPooledLength];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (byChars.TryGetValue(chars, out var id))
        {
            return id;
        }

        id = new string(chars);
        if (ids.Count < MaxPooledIds)
        {
            ids.Add(id, id);
        }

        return id;
    }
}
