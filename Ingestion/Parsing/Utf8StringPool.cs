using System.Text;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>
/// One string instance per distinct value: the polls file repeats each of ~14,000 store ids about a hundred times, the
/// zones file a handful of zone ids on every row, and the rows are kept (in grain state, and for the whole run), so a
/// string per row would be garbage and memory for nothing. Share one pool of store ids across the files of an ingestion
/// so every file hands out the same instances. Not thread-safe: one reader at a time.
/// </summary>
public sealed class Utf8StringPool
{
    /// <summary>Longer values are not pooled (decoded on the stack); no real store or zone id comes close.</summary>
    private const int MaxPooledLength = 128;

    /// <summary>Bounds the pool if a file is hostile (a fresh value on every row): past this, values are still returned, just not kept.</summary>
    private const int MaxPooledValues = 1 << 20;

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> byChars;

    public Utf8StringPool() => byChars = values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many distinct values the pool holds.</summary>
    public int Count => values.Count;

    /// <summary>The string of a UTF-8 value, the same instance for equal values.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> buffer = stackalloc char[MaxPooledLength];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (byChars.TryGetValue(chars, out var value))
        {
            return value;
        }

        value = new string(chars);
        if (values.Count < MaxPooledValues)
        {
            values.Add(value, value);
        }

        return value;
    }
}
